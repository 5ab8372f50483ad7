/// The verdict of one probe, as the JSON report spells it.
public enum ProbeStatus: String, Sendable, Codable, CaseIterable {
  case pass, warn, fail, skip, error
}

/// One timed phase of a network probe, named like curl's `-w` variables
/// (`time_namelookup`, `time_connect`, `time_appconnect`, `time_starttransfer`), in milliseconds.
public struct PhaseTiming: Sendable, Equatable, Codable {
  public enum Name: String, Sendable, Codable {
    case namelookup, connect, proxyconnect, appconnect, starttransfer
  }
  public let name: Name
  public let ms: Double
  public init(_ name: Name, _ ms: Double) {
    self.name = name
    self.ms = ms
  }
}

/// An ordered piece of evidence (`"cname chain": "a -> b -> c"`), shown in reports and drill-down panes.
public struct Detail: Sendable, Equatable, Codable {
  public let key: String
  public let value: String
  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }
}

/// What a probe learnt, typed, so diagnosis rules never parse strings.
public enum ProbeFacts: Sendable {
  case dns(DNSFacts)
  case nameservers(NameserverFacts)
  case hostsFile(HostsFileFacts)
  case tcp(TCPFacts)
  case tls(TLSFacts)
  case http(HTTPFacts)
  case proxy(ProxyFacts)
  case dockerDaemon(DockerDaemonFacts)
  /// The registry reached as a puller (the Docker daemon) reaches it: its proxy, its trust.
  case pullerPath(PullerPathFacts)
  /// The registry name as getaddrinfo, each nameserver asked directly, and a pasted error's resolver answer it.
  case resolvers(ResolverComparisonFacts)
  /// containerd, podman or CRI-O: where it was found, its proxy (running and on disk), trust and mirrors.
  case puller(PullerConfigFacts)
  case azure(AzureFacts)
  /// A pull followed as the puller makes it (`--image`): token, manifest, the blob request and its redirect.
  case pull(PullFacts)
  case none
}

/// One probe's outcome as it was measured: its facts and timings, which the rules read. No word about it is kept
/// here: its status, summary, details and phases are ProbeDescriber's, derived from the facts where they are shown
/// (`DescribedProbe`, in a report's or the wizard's language).
public struct ProbeResult: Sendable {
  /// Stable id: `dns.login-server`, `tcp.login-server.203.0.113.10`, `tls.data-endpoint.japaneast`, `proxy.login-server`, ...
  public var id: ProbeID
  public var target: String
  public var durationMs: Double
  public var facts: ProbeFacts
  /// Not run to its end because the conclusion was decided without it (not a failure; `--no-early-stop` waits).
  public var stoppedEarly: Bool
  /// The id of the result this one came with, when a probe reports more than one (the TLS probe's HTTP exchange):
  /// set by the runner, so a display can show it as a child row without parsing ids or titles.
  public var parentID: ProbeID?
  /// What a result the runner makes without facts (a probe past the deadline, one stopped as not needed), or a test
  /// fixture, says of itself. Nil for a measured result: its words are derived from its facts.
  public var stated: StatedOutcome?

  /// A measured result: what the probe found, and how long it took.
  public init(id: ProbeID, target: String, durationMs: Double, facts: ProbeFacts) {
    self.id = id
    self.target = target
    self.durationMs = durationMs
    self.facts = facts
    self.stoppedEarly = false
  }

  /// A stated outcome: `summary` is the same in every language (a runner's note, a fixture's words).
  public init(
    id: ProbeID, target: String, status: ProbeStatus, durationMs: Double, summary: String,
    phases: [PhaseTiming] = [], details: [Detail] = [], facts: ProbeFacts = .none, stoppedEarly: Bool = false
  ) {
    self.init(
      id: id, target: target, status: status, durationMs: durationMs,
      summary: LocalizedText(en: summary, ja: summary), phases: phases, details: details, facts: facts,
      stoppedEarly: stoppedEarly)
  }

  /// A stated outcome with its summary in each language.
  public init(
    id: ProbeID, target: String, status: ProbeStatus, durationMs: Double, summary: LocalizedText,
    phases: [PhaseTiming] = [], details: [Detail] = [], facts: ProbeFacts = .none, stoppedEarly: Bool = false
  ) {
    self.init(id: id, target: target, durationMs: durationMs, facts: facts)
    self.stoppedEarly = stoppedEarly
    self.stated = StatedOutcome(status: status, summary: summary, phases: phases, details: details)
  }
}

/// The words a result without facts comes with, as whoever made it stated them.
public struct StatedOutcome: Sendable {
  public var status: ProbeStatus
  public var summary: LocalizedText
  public var phases: [PhaseTiming]
  public var details: [Detail]
}
