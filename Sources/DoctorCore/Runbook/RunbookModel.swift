// The source article as data: the vocabulary (symptoms, causes, findings, severities) and the specs of symptoms,
// causes and remedies, in English and Japanese. Each finding's spec lives with its rule in Findings/<cause>/.

public enum Language: String, Sendable, Codable, CaseIterable {
  case en, ja

  /// From LC_ALL, LC_MESSAGES, LANG (in that order, as glibc does): `ja_JP.UTF-8` -> .ja, anything else -> .en.
  public static func fromEnvironment(_ env: [String: String]) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("ja") ? .ja : .en }
    }
    return .en
  }
}

/// A text in both languages.
public struct LocalizedText: Sendable, Equatable {
  public let en: String
  public let ja: String
  public init(en: String, ja: String) {
    self.en = en
    self.ja = ja
  }
  public func callAsFunction(_ language: Language) -> String { language == .ja ? ja : en }
}

/// S1…S11 of the article.
public enum SymptomID: String, Sendable, Codable, CaseIterable, Comparable {
  case s1 = "S1"
  case s2 = "S2"
  case s3 = "S3"
  case s4 = "S4"
  case s5 = "S5"
  case s6 = "S6"
  case s7 = "S7"
  case s8 = "S8"
  case s9 = "S9"
  case s10 = "S10"
  case
    s11 = "S11"
  public static func < (a: SymptomID, b: SymptomID) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The article's causes C1…C4, plus the two outcomes that are not network faults.
public enum CauseID: String, Sendable, Codable, CaseIterable {
  case clientFirewallOrProxy = "client-firewall-or-proxy"
  case registryPublicAccessRules = "registry-public-access-rules"
  case vnetPrivateEndpointConfig = "vnet-private-endpoint-config"
  case serviceIntegrationRestricted = "service-integration-restricted"
  case registryAuth = "registry-auth"
  /// The registry, or a gateway in front of it, fails by itself (5xx).
  case registryService = "registry-service"
  case none

  /// C1…C4 as the article numbers them, nil for the two extra outcomes.
  public var articleNumber: String? {
    switch self {
    case .clientFirewallOrProxy: return "C1"
    case .registryPublicAccessRules: return "C2"
    case .vnetPrivateEndpointConfig: return "C3"
    case .serviceIntegrationRestricted: return "C4"
    case .registryAuth, .registryService, .none: return nil
    }
  }
}

public enum Severity: String, Sendable, Codable, Comparable {
  case error, warning, info
  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }
  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The leaves of the decision tree (CONTRACT.md). Raw values are stable ids.
public enum FindingID: String, Sendable, Codable, CaseIterable {
  case dnsServerUnreachable = "dns-server-unreachable"
  case loginServerDNSFailure = "login-server-dns-failure"
  case hostsFileOverride = "hosts-file-override"
  case tcpConnectTimeout = "tcp-connect-timeout"
  case tcpConnectRefused = "tcp-connect-refused"
  case tlsHandshakeFailed = "tls-handshake-failed"
  case tlsInterception = "tls-interception"
  case registryNotResponding = "registry-not-responding"
  case proxyUnreachable = "proxy-unreachable"
  case proxyConnectDenied = "proxy-connect-denied"
  case proxyConnectionClosed = "proxy-connection-closed"
  case proxySchemeMismatch = "proxy-scheme-mismatch"
  case noProxyBypassesProxy = "no-proxy-bypasses-proxy"
  case dockerDaemonProxyMissing = "docker-daemon-proxy-missing"
  case dockerDaemonProxyMismatch = "docker-daemon-proxy-mismatch"
  case dockerDaemonProxyFails = "docker-daemon-proxy-fails"
  case pullerUntrustedCertificate = "puller-untrusted-certificate"
  case containerdProxyMissing = "containerd-proxy-missing"
  case containerdProxyMismatch = "containerd-proxy-mismatch"
  case pullerRestartNeeded = "puller-restart-needed"
  case pullerProxyFails = "puller-proxy-fails"
  case pullerProxyMissing = "puller-proxy-missing"
  case dataEndpointUnreachable = "data-endpoint-unreachable"
  case blobHostUnreachable = "blob-host-unreachable"
  case blobHostDNSFailure = "blob-host-dns-failure"
  case registryMirrorUnreachable = "registry-mirror-unreachable"
  case registryServerError = "registry-server-error"
  case registryFirewallDeniesClientIP = "registry-firewall-denies-client-ip"
  case publicNetworkAccessDisabled = "public-network-access-disabled"
  case privateEndpointDNSPublicIP = "private-endpoint-dns-public-ip"
  case privateEndpointDNSMissingRecord = "private-endpoint-dns-missing-record"
  case privateEndpointUnreachable = "private-endpoint-unreachable"
  case dataEndpointDNSFailure = "data-endpoint-dns-failure"
  case dataEndpointDNSNotPrivate = "data-endpoint-dns-not-private"
  case resourceProviderNotRegistered = "resource-provider-not-registered"
  case trustedServicesNotAllowed = "trusted-services-not-allowed"
  case serviceCannotReachRestrictedRegistry = "service-cannot-reach-restricted-registry"
  case dockerDaemonConfigInvalid = "docker-daemon-config-invalid"
  case pastedProxyFails = "pasted-proxy-fails"
  case pastedResolverFails = "pasted-resolver-fails"
  case systemResolverDisagrees = "system-resolver-disagrees"
  case ipv6PathBroken = "ipv6-path-broken"
  case tokenServiceDNSFailure = "token-service-dns-failure"
  case tokenServiceUnreachable = "token-service-unreachable"
  case dnsCNAMELoop = "dns-cname-loop"
  case networkOKCheckAuthentication = "network-ok-check-authentication"
  case noNetworkProblem = "no-network-problem"
}

public struct SymptomSpec: Sendable {
  public let id: SymptomID
  public let title: LocalizedText
  /// Error text the user would have seen, verbatim from the article.
  public let errorText: String?
  /// The causes the article links this symptom to, most likely first.
  public let likelyCauses: [CauseID]
  public init(id: SymptomID, title: LocalizedText, errorText: String?, likelyCauses: [CauseID]) {
    self.id = id
    self.title = title
    self.errorText = errorText
    self.likelyCauses = likelyCauses
  }
}

public struct CauseSpec: Sendable {
  public let id: CauseID
  public let title: LocalizedText
  /// The article's advice for this cause (its "potential solution"), a paragraph.
  public let advice: LocalizedText
  /// Commands that check this branch by hand (templates, see `RemedySpec.commands`).
  public let checks: [String]
  public init(id: CauseID, title: LocalizedText, advice: LocalizedText, checks: [String]) {
    self.id = id
    self.title = title
    self.advice = advice
    self.checks = checks
  }
}

public struct RemedySpec: Sendable {
  public let title: LocalizedText
  /// What to do and why, a few sentences.
  public let steps: LocalizedText
  /// Shell command templates. Placeholders: {registry} (ACR name), {loginServer}, {host} (the endpoint concerned),
  /// {region}, {clientIP}, {proxy} (redacted), {dataEndpoint}, {address}. A command whose placeholder has no value
  /// is left out.
  public let commands: [String]
  /// True when running it changes Azure (or the machine): shown, never run without confirmation.
  public let changesSomething: Bool
  public init(title: LocalizedText, steps: LocalizedText, commands: [String], changesSomething: Bool = false) {
    self.title = title
    self.steps = steps
    self.commands = commands
    self.changesSomething = changesSomething
  }
}
