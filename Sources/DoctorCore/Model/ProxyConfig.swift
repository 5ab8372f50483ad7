import FoundationEssentials

/// A proxy URL from the environment, parsed once; `redacted` is the only form that is ever shown.
public struct ProxyURL: Sendable, Equatable {
  public enum Scheme: String, Sendable { case http, https, socks5, socks5h }
  public let scheme: Scheme
  public let host: String
  public let port: Int
  public let username: String?
  public let password: String?
  /// The variable it came from (`HTTPS_PROXY`).
  public let source: String

  public init(scheme: Scheme, host: String, port: Int, username: String?, password: String?, source: String) {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.source = source
  }

  /// The credentials as regdoctor sends them (the base64 of `user:password` in Proxy-Authorization) and as text:
  /// what `redactSecrets(_:known:)` hides in anything the proxy answers. A user name alone is a token.
  public var secretForms: [String] {
    guard let username else { return [] }
    let basic = Data("\(username):\(password ?? "")".utf8).base64EncodedString()
    return [basic, password ?? username].filter { !$0.isEmpty }
  }

  /// `http://user:***@proxy:3128`: never the password. A user name without a password is a token: `http://***@proxy`.
  public var redacted: String {
    var s = "\(scheme.rawValue)://"
    if let username {
      s += password != nil ? "\(username):***@" : "***@"
    }
    return s + hostPort(host, port).withPort(port)
  }
}

extension String {
  /// hostPort() drops :443; a proxy URL always shows its port.
  fileprivate func withPort(_ port: Int) -> String { port == 443 && !hasSuffix(":443") ? self + ":443" : self }
}

/// The proxy variables as the shell had them. Both spellings are kept because Go and curl pick differently.
public struct ProxyEnvironment: Sendable, Equatable {
  /// Raw values by variable name, only those set and non-empty.
  public let variables: [String: String]
  public init(environment: [String: String]) {
    let names = [
      "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    ]
    var v: [String: String] = [:]
    for n in names { if let x = environment[n], !x.isEmpty { v[n] = x } }
    variables = v
  }
  public var isEmpty: Bool { variables.isEmpty }
}
