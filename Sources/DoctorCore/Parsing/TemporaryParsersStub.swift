// TEMPORARY: replaced by the parsers branch.
public func redactSecrets(_ text: String) -> String { text }
extension ProxyEnvironment {
  public func decision(for endpoint: Endpoint) -> ProxyDecision { ProxyDecision(go: nil, curl: nil, bypassedBy: nil) }
}
