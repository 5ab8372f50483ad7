// The typed facts each probe produces. Probes fill them; diagnosis rules read them; reports print their details.

// MARK: DNS

/// How a name lookup ended, in the resolver's own terms.
public enum DNSOutcome: String, Sendable, Codable {
  case resolved
  /// The name does not exist (rcode 3, or getaddrinfo EAI_NONAME).
  case nxdomain
  /// The server failed (rcode 2, or EAI_AGAIN with an answer of failure).
  case servfail
  case refused
  /// The name exists but has no address record of the type asked.
  case noData = "no-data"
  /// No answer in time.
  case timeout
  case error
  /// The nameserver answered, but the name's CNAME chain loops back on itself (or runs past 16 links, where
  /// resolvers give up): no address can come out of it.
  case cnameLoop = "cname-loop"
}

/// A CNAME link in the chain the wire view saw: `contoso.azurecr.io -> contoso.privatelink.azurecr.io`.
public struct CNAMERecord: Sendable, Equatable, Codable {
  public let name: String
  public let target: String
  public let ttl: UInt32
  public init(name: String, target: String, ttl: UInt32) {
    self.name = name
    self.target = target
    self.ttl = ttl
  }
}

public struct AddressRecord: Sendable, Equatable, Codable {
  public let name: String
  public let address: ResolvedAddress
  public let ttl: UInt32
  public init(name: String, address: ResolvedAddress, ttl: UInt32) {
    self.name = name
    self.address = address
    self.ttl = ttl
  }
}

/// The system's view: getaddrinfo, which honours /etc/hosts and nsswitch — what docker and curl see.
public struct SystemLookup: Sendable, Equatable {
  public var outcome: DNSOutcome
  public var addresses: [ResolvedAddress]
  /// getaddrinfo's own message when it failed (`Name or service not known`).
  public var error: String?
  public var ms: Double
  public init(outcome: DNSOutcome, addresses: [ResolvedAddress], error: String? = nil, ms: Double) {
    self.outcome = outcome
    self.addresses = addresses
    self.error = error
    self.ms = ms
  }
}

/// One nameserver asked on the wire, and how it answered.
public struct NameserverAttempt: Sendable, Equatable {
  /// `10.0.0.2` or `10.0.0.2:5353`.
  public var server: String
  public var outcome: DNSOutcome
  public var ms: Double
  /// Why it failed, in the socket's or parser's words (`connection refused`, `malformed answer: ...`).
  public var error: String?
  public init(server: String, outcome: DNSOutcome, ms: Double, error: String? = nil) {
    self.server = server
    self.outcome = outcome
    self.ms = ms
    self.error = error
  }
}

/// The wire view: the same name asked of each configured nameserver directly, like dig.
public struct WireLookup: Sendable, Equatable {
  /// The outcome of the first nameserver that answered (or `.timeout` when none did).
  public var outcome: DNSOutcome
  /// The nameserver whose answer `cnames` and `addresses` come from.
  public var answeredBy: String?
  public var cnames: [CNAMERecord]
  public var addresses: [AddressRecord]
  public var attempts: [NameserverAttempt]
  public var ms: Double
  public init(
    outcome: DNSOutcome, answeredBy: String?, cnames: [CNAMERecord], addresses: [AddressRecord],
    attempts: [NameserverAttempt], ms: Double
  ) {
    self.outcome = outcome
    self.answeredBy = answeredBy
    self.cnames = cnames
    self.addresses = addresses
    self.attempts = attempts
    self.ms = ms
  }
  /// `a -> b -> c` as dig shows the chain.
  public var chainText: String {
    guard let first = cnames.first else { return "" }
    return ([first.name] + cnames.map(\.target)).joined(separator: " -> ")
  }
}

public struct DNSFacts: Sendable {
  public var endpoint: Endpoint
  public var system: SystemLookup
  public var wire: WireLookup?
  /// Addresses /etc/hosts pins this name to, if any.
  public var hostsEntries: [String]
  public init(endpoint: Endpoint, system: SystemLookup, wire: WireLookup?, hostsEntries: [String]) {
    self.endpoint = endpoint
    self.system = system
    self.wire = wire
    self.hostsEntries = hostsEntries
  }
  /// True when the name goes through Azure Private Link (a `privatelink` CNAME in the chain).
  public var viaPrivateLink: Bool {
    wire?.cnames.contains { $0.target.contains(".privatelink.") } ?? false
  }
}

/// resolv.conf's nameservers and whether each answers at all (asked for the registry name).
public struct NameserverFacts: Sendable {
  public var resolvConf: String
  public var nameservers: [String]
  public var search: [String]
  public var attempts: [NameserverAttempt]
  /// True when resolv.conf names no nameserver (or is missing) and, like glibc, 127.0.0.1 was asked instead.
  public var defaultedToLoopback: Bool
  public init(
    resolvConf: String, nameservers: [String], search: [String], attempts: [NameserverAttempt],
    defaultedToLoopback: Bool = false
  ) {
    self.resolvConf = resolvConf
    self.nameservers = nameservers
    self.search = search
    self.attempts = attempts
    self.defaultedToLoopback = defaultedToLoopback
  }
  public var silent: [NameserverAttempt] { attempts.filter { $0.outcome == .timeout || $0.outcome == .error } }
}

public struct HostsFileFacts: Sendable {
  public var path: String
  /// Registry names pinned in the file, and the addresses they are pinned to.
  public var pinned: [String: [String]]
  public init(path: String, pinned: [String: [String]]) {
    self.path = path
    self.pinned = pinned
  }
}

// MARK: TCP

public enum ConnectOutcome: String, Sendable, Codable {
  case connected
  /// RST: something answers and says no.
  case refused
  /// No answer at all: SYNs dropped.
  case timeout
  /// ICMP unreachable or no route.
  case unreachable
  case error
}

/// The way a connection goes out: straight to the address, or through an HTTP CONNECT proxy.
public enum NetworkPath: Sendable, Equatable {
  case direct
  /// The proxy URL, already redacted (`http://user:***@proxy:3128`).
  case proxy(String)
  public var text: String {
    switch self {
    case .direct: return "direct"
    case .proxy(let url): return "via proxy \(url)"
    }
  }
}

public struct TCPFacts: Sendable {
  public var endpoint: Endpoint
  public var address: ResolvedAddress
  public var outcome: ConnectOutcome
  public var ms: Double
  public var error: String?
  public init(endpoint: Endpoint, address: ResolvedAddress, outcome: ConnectOutcome, ms: Double, error: String? = nil) {
    self.endpoint = endpoint
    self.address = address
    self.outcome = outcome
    self.ms = ms
    self.error = error
  }
}

// MARK: TLS

public struct CertificateSummary: Sendable, Equatable {
  public var subject: String
  public var issuer: String
  /// The issuer's organisation (O=), used to recognise public CAs and inspection proxies.
  public var issuerOrganization: String?
  public var subjectAlternativeNames: [String]
  public var notBefore: String
  public var notAfter: String
  public var isCA: Bool
  public init(
    subject: String, issuer: String, issuerOrganization: String?, subjectAlternativeNames: [String],
    notBefore: String, notAfter: String, isCA: Bool
  ) {
    self.subject = subject
    self.issuer = issuer
    self.issuerOrganization = issuerOrganization
    self.subjectAlternativeNames = subjectAlternativeNames
    self.notBefore = notBefore
    self.notAfter = notAfter
    self.isCA = isCA
  }
}

public enum TLSOutcome: String, Sendable, Codable {
  /// Handshake done and the chain verified against the trust store for this name.
  case verified
  /// Handshake done but the chain does not lead to a trusted root.
  case untrusted
  /// Handshake done, chain trusted, but the certificate is not for this name.
  case nameMismatch = "name-mismatch"
  case expired
  /// The handshake itself failed (alert, reset, not TLS at all).
  case handshakeFailed = "handshake-failed"
  case timeout
}

public struct TLSFacts: Sendable {
  public var endpoint: Endpoint
  /// The address connected to (for a proxied path, the proxy's).
  public var address: String
  public var path: NetworkPath
  public var outcome: TLSOutcome
  /// Why verification or the handshake failed, in the TLS library's words.
  public var reason: String?
  /// Leaf first, as the server sent it.
  public var chain: [CertificateSummary]
  public var handshakeMs: Double
  public var protocolVersion: String?
  public init(
    endpoint: Endpoint, address: String, path: NetworkPath, outcome: TLSOutcome, reason: String?,
    chain: [CertificateSummary], handshakeMs: Double, protocolVersion: String? = nil
  ) {
    self.endpoint = endpoint
    self.address = address
    self.path = path
    self.outcome = outcome
    self.reason = reason
    self.chain = chain
    self.handshakeMs = handshakeMs
    self.protocolVersion = protocolVersion
  }
}

// MARK: HTTP

/// A parsed `WWW-Authenticate` challenge: `Bearer realm="https://x/oauth2/token",service="x"`.
public struct AuthChallenge: Sendable, Equatable {
  public var scheme: String
  public var parameters: [String: String]
  public init(scheme: String, parameters: [String: String]) {
    self.scheme = scheme
    self.parameters = parameters
  }
  public var realm: String? { parameters["realm"] }
  public var service: String? { parameters["service"] }
}

/// An error body of the OCI distribution API as ACR fills it.
public struct RegistryErrorBody: Sendable, Equatable {
  public var code: String
  public var message: String
  /// From ACR's `client with IP '203.0.113.7' is not allowed access`.
  public var deniedClientIP: String?
  public init(code: String, message: String, deniedClientIP: String? = nil) {
    self.code = code
    self.message = message
    self.deniedClientIP = deniedClientIP
  }
}

public enum HTTPOutcome: String, Sendable, Codable {
  /// A complete status line and headers arrived.
  case response
  /// Connected (and TLS done) but no complete answer before the deadline.
  case timeout
  /// The server closed before a complete answer.
  case closed
  /// What came back is not HTTP, or is larger than regdoctor will read.
  case malformed
}

public struct HTTPFacts: Sendable {
  public var endpoint: Endpoint
  public var path: NetworkPath
  /// `/v2/` for the API check; the realm URL's path for the token endpoint.
  public var requestPath: String
  public var outcome: HTTPOutcome
  public var statusCode: Int?
  public var reasonPhrase: String?
  public var challenge: AuthChallenge?
  public var errorBody: RegistryErrorBody?
  /// The first few hundred characters of the body, redacted, for evidence.
  public var bodySnippet: String?
  /// The outcome is `.malformed` because the status line and headers passed regdoctor's limit (64 KiB), not
  /// because the bytes were not HTTP.
  public var headTooLarge = false
  /// curl-style timings measured from the start of this exchange.
  public var phases: [PhaseTiming]
  public init(
    endpoint: Endpoint, path: NetworkPath, requestPath: String, outcome: HTTPOutcome, statusCode: Int?,
    reasonPhrase: String?, challenge: AuthChallenge?, errorBody: RegistryErrorBody?, bodySnippet: String?,
    phases: [PhaseTiming]
  ) {
    self.endpoint = endpoint
    self.path = path
    self.requestPath = requestPath
    self.outcome = outcome
    self.statusCode = statusCode
    self.reasonPhrase = reasonPhrase
    self.challenge = challenge
    self.errorBody = errorBody
    self.bodySnippet = bodySnippet
    self.phases = phases
  }
}

// MARK: Proxy

/// How the proxy answered regdoctor's own CONNECT.
public enum ProxyConnectOutcome: String, Sendable, Codable {
  /// 2xx: the tunnel is up.
  case established
  /// A non-2xx status (403, 407, 502...).
  case denied
  /// The proxy closed the connection before answering (Go: `proxyconnect tcp: EOF`).
  case closed
  /// TCP to the proxy failed.
  case unreachable
  /// The URL's scheme does not match what listens there (https:// to a plain proxy, or the reverse).
  case schemeMismatch = "scheme-mismatch"
  case timeout
  case malformed
}

/// Which proxy, if any, a client would use for one endpoint, under each rule set.
public struct ProxyDecision: Sendable, Equatable {
  /// Redacted proxy URL Go (dockerd, the docker CLI) would use, nil for direct.
  public var go: String?
  /// Redacted proxy URL curl (and most shell tools) would use, nil for direct.
  public var curl: String?
  /// The NO_PROXY entry that sent the endpoint direct, if one did.
  public var bypassedBy: String?
  public init(go: String?, curl: String?, bypassedBy: String?) {
    self.go = go
    self.curl = curl
    self.bypassedBy = bypassedBy
  }
}

public struct ProxyFacts: Sendable {
  public var endpoint: Endpoint
  /// Redacted.
  public var proxyURL: String
  public var decision: ProxyDecision
  public var outcome: ProxyConnectOutcome
  public var statusCode: Int?
  /// The proxy's status line, verbatim (`HTTP/1.1 403 Forbidden`).
  public var statusLine: String?
  public var error: String?
  public var ms: Double
  public init(
    endpoint: Endpoint, proxyURL: String, decision: ProxyDecision, outcome: ProxyConnectOutcome, statusCode: Int?,
    statusLine: String?, error: String?, ms: Double
  ) {
    self.endpoint = endpoint
    self.proxyURL = proxyURL
    self.decision = decision
    self.outcome = outcome
    self.statusCode = statusCode
    self.statusLine = statusLine
    self.error = error
    self.ms = ms
  }
}

// MARK: Docker daemon

/// Where a daemon proxy setting was written, and what it says there.
public struct DaemonProxySource: Sendable, Equatable {
  /// `/etc/systemd/system/docker.service.d/http-proxy.conf`, `/etc/docker/daemon.json`.
  public var path: String
  public var httpProxy: String?
  public var httpsProxy: String?
  public var noProxy: String?
  /// Set when the file exists but does not parse.
  public var parseError: String?
  /// daemon.json `registry-mirrors`, redacted: where dockerd sends Docker Hub pulls first. nil when not set.
  public var registryMirrors: [String]?
  public init(
    path: String, httpProxy: String?, httpsProxy: String?, noProxy: String?, parseError: String? = nil,
    registryMirrors: [String]? = nil
  ) {
    self.path = path
    self.httpProxy = httpProxy
    self.httpsProxy = httpsProxy
    self.noProxy = noProxy
    self.parseError = parseError
    self.registryMirrors = registryMirrors
  }
}

public struct DockerDaemonFacts: Sendable {
  /// `unix:///var/run/docker.sock`, `tcp://…`.
  public var host: String
  /// The daemon answered `GET /info`.
  public var reachable: Bool
  public var error: String?
  /// From `/info`, redacted.
  public var httpProxy: String?
  public var httpsProxy: String?
  public var noProxy: String?
  public var serverVersion: String?
  public var sources: [DaemonProxySource]
  /// Something answered at the socket, but not as the Docker Engine API (not HTTP, not a JSON /info).
  public var answeredNotDocker = false
  /// The running daemon's registry mirrors (`/info` RegistryConfig.Mirrors, redacted): dockerd tries them, in
  /// order, for Docker Hub pulls only, then registry-1.docker.io.
  public var mirrors: [String] = []
  /// The registry under diagnosis is Docker Hub, so `mirrors` are tried first; for any other registry dockerd
  /// never uses them (and they are not probed).
  public var mirrorsApply = false
  public init(
    host: String, reachable: Bool, error: String?, httpProxy: String?, httpsProxy: String?, noProxy: String?,
    serverVersion: String?, sources: [DaemonProxySource]
  ) {
    self.host = host
    self.reachable = reachable
    self.error = error
    self.httpProxy = httpProxy
    self.httpsProxy = httpsProxy
    self.noProxy = noProxy
    self.serverVersion = serverVersion
    self.sources = sources
  }
}

// MARK: Azure

public enum AzureCLIState: String, Sendable, Codable {
  case ok
  case notInstalled = "not-installed"
  case notLoggedIn = "not-logged-in"
  case disabled
  /// az ran but failed or answered something that does not parse.
  case failed
  case timeout
  /// az could not be asked; the user answered the wizard's questions instead (trusted like `ok`, fields left
  /// nil where the answer was "don't know").
  case answeredByUser = "answered-by-user"
}

/// The registry's network configuration as Azure Resource Manager reports it.
public struct AzureFacts: Sendable {
  public var state: AzureCLIState
  public var error: String?
  public var loginServer: String?
  public var publicNetworkAccess: PublicNetworkAccess?
  public var defaultAction: NetworkDefaultAction?
  /// CIDRs or addresses of the IP rules.
  public var ipRules: [String]
  /// `AzureServices` (trusted services allowed) / `None`.
  public var networkRuleBypassOptions: NetworkRuleBypass?
  public var dataEndpointEnabled: Bool?
  /// Data endpoint hosts, one per replica, from `az acr show-endpoints`.
  public var dataEndpoints: [String]
  public var replicationRegions: [String]
  public var privateEndpointConnections: Int
  /// `Registered`, `NotRegistered`, … of Microsoft.ContainerRegistry in the current subscription.
  public var providerRegistrationState: ProviderRegistrationState?
  public var sku: String?
  /// Whether ACR Tasks may pass the network rules (`az acr show`, newer API versions; S9). Nil when not printed.
  public var networkRuleBypassAllowedForTasks: Bool? = nil
  /// `Enabled` / `Disabled`: per-replica login servers `<name>.<region>.geo.azurecr.io` (`az acr show`).
  public var regionalEndpointsStatus: String? = nil
  /// Those per-replica login servers, from `az acr show-endpoints`.
  public var regionalEndpoints: [String] = []
  /// The registry's `provisioningState` (`Succeeded`, or `Updating` while a change such as a network rule is
  /// being applied), from `az acr show`.
  public var provisioningState: ProvisioningState? = nil
  /// Private endpoint connections Azure has not finished: `name: provisioning Updating, connection Pending`.
  public var privateEndpointConnectionsInProgress: [String] = []
  public init(
    state: AzureCLIState, error: String? = nil, loginServer: String? = nil,
    publicNetworkAccess: PublicNetworkAccess? = nil, defaultAction: NetworkDefaultAction? = nil, ipRules: [String] = [],
    networkRuleBypassOptions: NetworkRuleBypass? = nil,
    dataEndpointEnabled: Bool? = nil, dataEndpoints: [String] = [], replicationRegions: [String] = [],
    privateEndpointConnections: Int = 0, providerRegistrationState: ProviderRegistrationState? = nil,
    sku: String? = nil
  ) {
    self.state = state
    self.error = error
    self.loginServer = loginServer
    self.publicNetworkAccess = publicNetworkAccess
    self.defaultAction = defaultAction
    self.ipRules = ipRules
    self.networkRuleBypassOptions = networkRuleBypassOptions
    self.dataEndpointEnabled = dataEndpointEnabled
    self.dataEndpoints = dataEndpoints
    self.replicationRegions = replicationRegions
    self.privateEndpointConnections = privateEndpointConnections
    self.providerRegistrationState = providerRegistrationState
    self.sku = sku
  }
  /// True when the registry restricts network access in any way (what breaks Defender, App Service, ACI).
  public var isNetworkRestricted: Bool {
    publicNetworkAccess == .disabled || defaultAction == .deny || privateEndpointConnections > 0
  }
}
