/// A probe's stable id, as reports print it (`dns.login-server`, `tcp.login-server.203.0.113.10`,
/// `puller.containerd.mirror.registry.local:5000`). Every id the plan builds comes from one of the constructors
/// below, so each family's spelling is written once; its JSON and text form is the plain string.
///
/// An id built by a constructor also knows what it is about (`family`, `endpointLabel`), so code that needs that
/// asks, instead of parsing the text back (labels contain dots, so the text would not say it unambiguously). An id
/// made from text (a test's literal, `init(rawValue:)`) has only its text: it is equal to the one built the same,
/// and its `family` is nil.
public struct ProbeID: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// What kind of probe an id names.
  public enum Family: Sendable, Equatable {
    case hostsFile, nameservers, dockerDaemon, azure, dns, resolvers, tcp, tls, http, proxy, pullerConfig
    case pullerPath, pull
  }

  public let rawValue: String
  /// Known for the ids the constructors build; nil for one made from text.
  public let family: Family?
  /// The label of the endpoint the probe is about (`login-server`, `data-endpoint.japaneast`), when it is about one.
  public let endpointLabel: String?

  public init(rawValue: String) {
    self.rawValue = rawValue
    self.family = nil
    self.endpointLabel = nil
  }

  public init(stringLiteral value: String) { self.init(rawValue: value) }

  private init(_ rawValue: String, _ family: Family, endpoint: String? = nil) {
    self.rawValue = rawValue
    self.family = family
    self.endpointLabel = endpoint
  }

  public var description: String { rawValue }

  // The text is the id: what it is about only follows from it.
  public static func == (a: ProbeID, b: ProbeID) -> Bool { a.rawValue == b.rawValue }
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
  public static func < (a: ProbeID, b: ProbeID) -> Bool { a.rawValue < b.rawValue }

  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  // MARK: machine-wide

  public static let hostsFile = ProbeID("hosts.file", .hostsFile)
  public static let nameservers = ProbeID("dns.nameservers", .nameservers)
  public static let dockerDaemon = ProbeID("docker.daemon", .dockerDaemon)
  /// The Azure CLI's view of the registry; a rediagnosis with the user's answers stands its result in here too.
  public static let azureRegistry = ProbeID("azure.registry", .azure)
  /// The pull followed as the puller makes it (`--image`).
  public static let pullImage = ProbeID("pull.image", .pull)

  // MARK: per endpoint

  public static func dns(_ e: Endpoint) -> ProbeID { ProbeID("dns.\(e.label)", .dns, endpoint: e.label) }

  /// getaddrinfo, every nameserver and a pasted error's resolver asked for the endpoint's name.
  public static func resolvers(_ e: Endpoint) -> ProbeID {
    ProbeID("dns.resolvers.\(e.label)", .resolvers, endpoint: e.label)
  }

  public static func tcp(_ e: Endpoint, _ ip: String) -> ProbeID {
    ProbeID("tcp.\(e.label).\(ip)", .tcp, endpoint: e.label)
  }

  /// The TLS handshake, direct or through the shell's proxy.
  public static func tls(_ e: Endpoint, viaProxy: Bool = false) -> ProbeID {
    ProbeID("tls.\(e.label)\(viaProxy ? viaProxySuffix : "")", .tls, endpoint: e.label)
  }

  /// The HTTP exchange after the TLS handshake, direct or through the shell's proxy.
  public static func http(_ e: Endpoint, viaProxy: Bool = false) -> ProbeID {
    ProbeID("http.\(e.label)\(viaProxy ? viaProxySuffix : "")", .http, endpoint: e.label)
  }

  /// The manifest of a repository that does not exist, asked after `/v2/` answered (what every pull would meet: a
  /// gateway's 5xx on repository paths), direct or through the shell's proxy.
  public static func absentRepository(_ e: Endpoint, viaProxy: Bool = false) -> ProbeID {
    ProbeID("http.\(e.label).repository\(viaProxy ? viaProxySuffix : "")", .http, endpoint: e.label)
  }

  /// The shell's proxy asked to CONNECT to the endpoint.
  public static func proxy(_ e: Endpoint) -> ProbeID { proxy(label: e.label) }

  /// The proxy probe of the endpoint labelled `label` (the one a DNS probe's `endpointLabel` names).
  public static func proxy(label: String) -> ProbeID { ProbeID("proxy.\(label)", .proxy, endpoint: label) }

  private static let viaProxySuffix = ".via-proxy"

  // MARK: pullers

  /// A puller's settings as found on this machine (containerd, podman, CRI-O).
  public static func puller(_ kind: PullerConfigFacts.Kind) -> ProbeID {
    ProbeID("puller.\(kind.rawValue)", .pullerConfig)
  }

  /// The registry asked the way `puller` asks it: its proxy, its trust.
  public static func pullerPath(_ puller: PullerPathFacts.Puller, _ e: Endpoint) -> ProbeID {
    ProbeID("puller.\(puller.rawValue).\(e.label)", .pullerPath, endpoint: e.label)
  }
}
