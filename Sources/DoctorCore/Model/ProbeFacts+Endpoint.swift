extension ProbeFacts {
  /// The endpoint a per-endpoint probe measured (DNS, TCP, TLS, HTTP, the proxy's CONNECT); nil for the others.
  public var endpoint: Endpoint? {
    switch self {
    case .dns(let f): return f.endpoint
    case .tcp(let f): return f.endpoint
    case .tls(let f): return f.endpoint
    case .http(let f): return f.endpoint
    case .proxy(let f): return f.endpoint
    default: return nil
    }
  }
}
