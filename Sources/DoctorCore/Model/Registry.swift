import FoundationEssentials

/// What the user typed, understood: an ACR name or login server, or any OCI registry host[:port].
public struct RegistryTarget: Sendable, Equatable, Codable {
  public enum Kind: Sendable, Equatable, Codable {
    /// Azure Container Registry: `name` is the registry name, `suffix` the cloud's domain (`azurecr.io`, `azurecr.us`, `azurecr.cn`).
    case acr(name: String, suffix: String)
    /// Docker Hub: pulls touch the registry, the token service and the blob CDN.
    case dockerHub
    /// Any other OCI distribution registry.
    case generic
  }

  public let input: String
  public let kind: Kind
  /// The host name (or IP literal, without brackets) of the registry API.
  public let host: String
  public let port: Int
  /// Extra data endpoint hosts (one per ACR replica region, or given by hand).
  public var dataEndpoints: [String]

  public init(input: String, kind: Kind, host: String, port: Int = 443, dataEndpoints: [String] = []) {
    self.input = input
    self.kind = kind
    self.host = host
    self.port = port
    self.dataEndpoints = dataEndpoints
  }

  /// `host` or `host:port` as Docker writes it (IPv6 literals in brackets).
  public var loginServer: String { hostPort(host, port) }

  public var isACR: Bool { if case .acr = kind { return true } else { return false } }

  public var acrName: String? { if case .acr(let name, _) = kind { return name } else { return nil } }

  /// `<name>.<region>.data.azurecr.io`: the dedicated data endpoint of one replica.
  public func dataEndpoint(region: String) -> String? {
    guard case .acr(let name, let suffix) = kind else { return nil }
    return "\(name).\(region.lowercased()).data.\(suffix)"
  }

  /// The `privatelink` name Azure's public DNS CNAMEs an ACR login server to when a private endpoint exists.
  public var privateLinkName: String? {
    guard case .acr(let name, let suffix) = kind else { return nil }
    return "\(name).privatelink.\(suffix)"
  }

  /// Hosts a pull touches besides the login server and data endpoints (Docker Hub's token service and CDN).
  public var auxiliaryHosts: [String] {
    if case .dockerHub = kind { return ["auth.docker.io", "production.cloudflare.docker.com"] }
    return []
  }
}

public func hostPort(_ host: String, _ port: Int) -> String {
  let h = host.contains(":") ? "[\(host)]" : host
  return port == 443 ? h : "\(h):\(port)"
}
