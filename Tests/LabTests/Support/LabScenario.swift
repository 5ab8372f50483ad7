/// One fault scenario, declared as data: what DNS answers, which servers listen where, what the firewall drops,
/// the client's environment, and what `regdoctor diagnose` must conclude. `ScenarioLab` builds it for real.
struct LabScenario: Sendable {
  var name: String
  var registry = "contoso.azurecr.io"
  var dns: [DNSRecord] = []
  var nameserver: NameserverState = .answering
  /// Extra lines of the namespace's /etc/hosts (after the localhost lines).
  var hosts: [HostsEntry] = []
  var registries: [RegistryServer] = []
  var proxy: ProxyServer?
  /// A second proxy, another than the shell's: the one a puller's drop-in names (its own address or port).
  var daemonProxy: ProxyServer?
  var dockerDaemon: DockerDaemon?
  /// A real Docker Engine (dockerd + containerd) in the namespace and the pull it must make.
  var puller: RealPuller?
  var drops: [Drop] = []
  /// Source NAT for connections to an address, so a server sees the client as coming from another address.
  var natClientAddress: [NAT] = []
  /// Certificates the client trusts (SSL_CERT_FILE).
  var trust: [CertificateAuthority] = [.lab]
  /// CAs in the namespace's system bundle (/etc/ssl/certs/ca-certificates.crt, which every program in it reads:
  /// dockerd, containerd, regdoctor): how a public registry's CA, Docker Hub's, is trusted everywhere.
  var systemTrust: [CertificateAuthority] = []
  /// The client's environment besides PATH, HOME, SSL_CERT_FILE and DOCKER_HOST, e.g. HTTPS_PROXY.
  var environment: [String: String] = [:]
  /// Extra `diagnose` arguments, e.g. `--region japaneast`.
  var arguments: [String] = []
  var expect: Expectation
}

enum DNSRecord: Sendable {
  case a(String, [String])
  case cname(String, String)
}

enum NameserverState: Sendable {
  /// dnsmasq answers on `LabAddress.nameserver`.
  case answering
  /// The address exists but nothing listens on port 53 (queries are refused by ICMP).
  case nothingListening
  /// dnsmasq runs but the firewall drops the queries (they time out).
  case dropped
}

struct HostsEntry: Sendable {
  var address: String
  var names: [String]
}

struct RegistryServer: Sendable {
  var address: String
  var mode = "normal"
  var issuer: CertificateAuthority = .lab
  /// `REPO:TAG` of a real image this registry serves (`regdoctor-lab registry --image`).
  var image: String?
  /// Blob GETs answer 307 to this host, as ACR's login server sends layers to its data endpoint.
  var blobRedirect: String?
  /// The host its 401 challenge's realm names (a token service that is not the registry itself).
  var realmHost: String?
}

/// A real Docker Engine started in the namespace (`LabDockerEngine`), its configuration, and the outcome its real
/// pull (`docker pull`, and `ctr images pull` against its containerd) must have.
struct RealPuller: Sendable {
  /// The daemon's environment, as its systemd drop-in would set it: HTTPS_PROXY, NO_PROXY.
  var environment: [String: String] = [:]
  /// The CAs the puller trusts for the registry (certs.d/<host>/ca.crt, hosts.toml `ca`); the shell's
  /// SSL_CERT_FILE is the scenario's `trust`.
  var trusts: [CertificateAuthority] = [.lab]
  var image = "contoso.azurecr.io/hello:1"
  /// Whether the real pulls get through.
  var pullSucceeds: Bool
  /// Text the failing pulls' errors must contain (the host or address they could not reach), so a pull that
  /// fails for another reason does not count.
  var failureMentions: String?
  /// `.containerd`: a Kubernetes node: containerd alone with its CRI plugin, no dockerd; the ground truth is a
  /// CRI PullImage, made by containerd itself (ContainerdScenarios.swift).
  var kind: Kind = .docker
  /// containerd's drop-in on disk when it differs from what the running containerd was started with
  /// (`environment`): a change made without a restart.
  var dropIn: [String: String]?
  /// A mirror containerd's hosts.toml (podman's registries.conf) names before the registry.
  var mirror: String?
  /// daemon.json `registry-mirrors` (dockerd uses them for Docker Hub pulls only); each mirror host's
  /// certs.d/<host>/ca.crt holds `trusts`.
  var registryMirrors: [String] = []
  /// podman: containers.conf `[engine] env` entries (`HTTPS_PROXY=…`); its other settings are the shell's
  /// (the scenario's `environment` and `trust`), as podman runs in the user's own process (PodmanScenarios.swift).
  var engineEnvironment: [String]?

  enum Kind: Sendable { case docker, containerd, podman }
}

struct ProxyServer: Sendable {
  enum Kind: Sendable {
    /// `regdoctor-lab proxy --mode MODE` with `--map HOST=ADDR` upstream overrides (the proxy's own egress).
    case lab(mode: String, map: [String: String])
    /// tinyproxy resolving through the namespace's DNS.
    case tinyproxy
  }
  var kind: Kind
  var address = LabAddress.proxy
  var port = 3128
  /// Serve the proxy itself over TLS (an https:// proxy).
  var tls = false
  /// Require Proxy-Authorization Basic with these.
  var user: String?
  var password: String?
  /// tinyproxy only: access rules, e.g. `Deny 0.0.0.0/0` (every client gets 403 Access denied).
  var rules: [String] = []
}

struct DockerDaemon: Sendable {
  var httpsProxy: String?
  var noProxy: String?
  var mode = "normal"
}

struct Drop: Sendable {
  var address: String
  var port: Int
  var proto = "tcp"
  /// Answer with a TCP reset instead of dropping: the sender fails at once (a rejecting firewall).
  var rejects = false
}

struct NAT: Sendable {
  var destination: String
  var port: Int
  var source: String
}

enum CertificateAuthority: String, Sendable, CaseIterable {
  /// Named like the registry's real issuing CA, so the chain looks like the registry's public one.
  case lab = "Microsoft Azure RSA TLS Issuing CA 07"
  /// A TLS-inspecting proxy's CA.
  case inspection = "Corp Inspection CA"

  var directoryName: String { self == .lab ? "pki-lab" : "pki-inspection" }
  /// The CA's O=; ACR's real issuers are Microsoft's (or DigiCert's).
  var organization: String { self == .lab ? "Microsoft Corporation" : "Contoso Ltd" }
}

/// What the report must say.
struct Expectation: Sendable {
  /// `conclusion.finding` must be one of these.
  var finding: Set<String>
  /// `conclusion.cause` must be one of these (empty: not checked beyond the finding).
  var cause: Set<String> = []
  /// 0 when no problem, 1 when a problem was found (CONTRACT.md).
  var exitCode: Int32 = 1
  var evidence: [EvidenceCheck] = []
  /// No finding of severity error may appear (healthy scenarios).
  var noErrorFindings = false
  /// Text that must appear nowhere in regdoctor's output (secrets).
  var absentText: [String] = []

  init(
    _ finding: String, or others: [String] = [], cause: [String] = [], exitCode: Int32 = 1,
    evidence: [EvidenceCheck] = [], noErrorFindings: Bool = false, absentText: [String] = []
  ) {
    self.finding = Set([finding] + others)
    self.cause = Set(cause)
    self.exitCode = exitCode
    self.evidence = evidence
    self.noErrorFindings = noErrorFindings
    self.absentText = absentText
  }
}

enum EvidenceCheck: Sendable, CustomStringConvertible {
  /// A probe whose id starts with the prefix has this status.
  case probe(String, status: String)
  /// A probe whose id starts with the prefix mentions the text in its summary or details.
  case probeMentions(String, String)
  /// The finding mentions the text in its title or evidence.
  case findingMentions(String, String)
  /// The finding is present (not necessarily first).
  case finding(String)

  var description: String {
    switch self {
    case .probe(let id, let status): return "probe \(id)* has status \(status)"
    case .probeMentions(let id, let text): return "probe \(id)* mentions \"\(text)\""
    case .findingMentions(let id, let text): return "finding \(id) mentions \"\(text)\""
    case .finding(let id): return "finding \(id) present"
    }
  }
}

/// The lab's address plan: 10.x private, 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 public-looking;
/// all of them exist only inside the scenario's namespace.
enum LabAddress {
  static let nameserver = "10.0.0.53"
  static let proxy = "10.0.0.3"
  static let loginServer = "203.0.113.10"
  static let dataEndpoint = "203.0.113.20"
  static let privateEndpoint = "10.0.1.5"
  static let privateDataEndpoint = "10.0.1.6"
  /// Where the proxy's own egress reaches the registry (direct access to `loginServer` may be dropped).
  static let proxyEgress = "198.51.100.10"
  /// The client's public address as the registry sees it (through source NAT).
  static let natPublicClient = "198.51.100.77"
  /// A stale address someone pinned in /etc/hosts.
  static let stale = "192.0.2.99"
  /// A proxy address where nothing listens (a decommissioned proxy still in a daemon's drop-in).
  static let deadProxy = "10.0.0.4"
}
