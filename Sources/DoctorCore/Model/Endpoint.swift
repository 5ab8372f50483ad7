/// The role a host plays in a pull or push; drives which findings a failure on it leads to.
public enum EndpointRole: String, Sendable, Codable, CaseIterable {
  case loginServer = "login-server"
  case dataEndpoint = "data-endpoint"
  case tokenRealm = "token-realm"
  case auxiliary = "auxiliary"
  /// A host layers come from that is not an ACR data endpoint (a storage account, a CDN), as a followed pull learnt.
  case blobHost = "blob-host"

  /// Whether a failure on this host is the registry's own (login-server-dns-failure, tcp-connect-refused,
  /// tcp-connect-timeout): hosts with findings of their own (data endpoints, the token service, blob hosts) are
  /// not. A switch, so that a new role must say which it is.
  public var failsAsTheRegistry: Bool {
    switch self {
    case .loginServer, .auxiliary: return true
    case .dataEndpoint, .tokenRealm, .blobHost: return false
    }
  }
}

/// One host:port regdoctor checks, and the label its probe ids carry (`login-server`, `data-endpoint.japaneast`).
public struct Endpoint: Sendable, Hashable, Codable {
  public let host: String
  public let port: Int
  public let role: EndpointRole
  /// Stable fragment of probe ids: `login-server`, `data-endpoint.<region or host>`, `token-realm`.
  public let label: String

  public init(host: String, port: Int = 443, role: EndpointRole, label: String? = nil) {
    self.host = host
    self.port = port
    self.role = role
    self.label = label ?? role.rawValue
  }

  public var hostPort: String { DoctorCore.hostPort(host, port) }

  /// The Azure region of an ACR data endpoint, read from its name (`<name>.<region>.data.azurecr.io`); nil for
  /// every other host.
  public var region: String? {
    guard role == .dataEndpoint else { return nil }
    return Self.dataEndpointName(host)?.region
  }

  /// `<name>.<region>.data.<suffix>` read from a host: the one place a data endpoint's name is taken apart.
  public static func dataEndpointName(_ host: String) -> (name: String, region: String, suffix: String)? {
    let parts = host.split(separator: ".")
    guard parts.count >= 4, parts[2] == "data" else { return nil }
    return (String(parts[0]), String(parts[1]), parts[3...].joined(separator: "."))
  }
}
