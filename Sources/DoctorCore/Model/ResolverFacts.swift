// MARK: Resolvers compared

/// One resolver asked directly for a name: which one, why it was asked, and what it said.
public struct ResolverAnswer: Sendable, Equatable {
  public enum Source: String, Sendable, Equatable {
    /// A `nameserver` line of this machine's resolv.conf.
    case resolvConf = "resolv.conf"
    /// The resolver a pasted error names (`lookup X on 10.0.0.10:53: …`): the failing machine's.
    case pastedError = "pasted error"
  }

  /// `10.0.0.2`, `10.0.0.10:53`, `[::1]:53`.
  public var server: String
  public var source: Source
  public var outcome: DNSOutcome
  /// The addresses it gave, A and AAAA.
  public var addresses: [String]
  public var ms: Double
  public var error: String?
  /// Why it was not asked (a loopback resolver of another network namespace), when it was not.
  public var notAsked: String?

  public init(
    server: String, source: Source, outcome: DNSOutcome, addresses: [String] = [], ms: Double = 0,
    error: String? = nil, notAsked: String? = nil
  ) {
    self.server = server
    self.source = source
    self.outcome = outcome
    self.addresses = addresses
    self.ms = ms
    self.error = error
    self.notAsked = notAsked
  }

  /// It answered with at least one address.
  public var resolved: Bool { outcome == .resolved && !addresses.isEmpty }
  /// No DNS message came back (silence, a refused socket, a malformed packet).
  public var silent: Bool { notAsked == nil && (outcome == .timeout || outcome == .error) }
}

/// The registry name as each source a client may use answers it: getaddrinfo (glibc: /etc/hosts, nsswitch, nscd,
/// systemd-resolved) against every resolv.conf nameserver asked directly (what Go's own resolver, used by dockerd,
/// containerd and the kubelet, asks), and the resolver a pasted error names.
public struct ResolverComparisonFacts: Sendable {
  public var endpoint: Endpoint
  public var system: SystemLookup
  public var answers: [ResolverAnswer]
  /// Addresses /etc/hosts pins the name to (both getaddrinfo and Go read it first).
  public var hostsEntries: [String]
  /// The sources of nsswitch.conf's `hosts:` line (`files dns`, `files resolve [!UNAVAIL=return] dns`); nil when
  /// the file is missing or has no such line.
  public var nsswitchHosts: [String]?

  public init(
    endpoint: Endpoint, system: SystemLookup, answers: [ResolverAnswer], hostsEntries: [String] = [],
    nsswitchHosts: [String]? = nil
  ) {
    self.endpoint = endpoint
    self.system = system
    self.answers = answers
    self.hostsEntries = hostsEntries
    self.nsswitchHosts = nsswitchHosts
  }

  public var resolvConfAnswers: [ResolverAnswer] { answers.filter { $0.source == .resolvConf } }
  public var pasted: ResolverAnswer? { answers.first { $0.source == .pastedError } }

  /// NSS sources beyond `files` and `dns` (`resolve`, `mdns4_minimal`, `myhostname`…). With any of them, Go's
  /// resolver hands the lookup to getaddrinfo (cgo) instead of asking the nameservers itself (net/conf.go).
  public var nonStandardSources: [String] {
    (nsswitchHosts ?? []).filter { !$0.hasPrefix("[") && $0 != "files" && $0 != "dns" }
  }
}

extension DiagnosisInput {
  public var resolverComparisons: [(ProbeResult, ResolverComparisonFacts)] {
    probes.compactMap { p in if case .resolvers(let f) = p.facts { (p, f) } else { nil } }
  }
}
