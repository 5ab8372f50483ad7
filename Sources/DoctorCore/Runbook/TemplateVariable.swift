/// A value a template names as `{name}`: the runbook's remedy commands, steps and titles, the causes' checks, and
/// `explain`'s commands aimed at a pasted error. A finding gives its values by these keys (`FindingDraft.vars`), so a
/// key and a placeholder are spelled the same by construction; `Runbook.fill` is the one place that fills them.
public enum TemplateVariable: String, Sendable, CaseIterable, ExpressibleByStringLiteral {
  case registry, loginServer, host, port, hostPort, region, clientIP, proxy, dataEndpoint, address, puller
  /// `{host}` when it is a name, not an IP address (derived from it when filling): a command that looks a name up
  /// (`getent hosts`, `dig`) says nothing of an IP literal, so it is left out for one.
  case hostName
  /// `explain` only: the host a pasted error's blob request went to, and the resolver it names.
  case blobHost, resolverIP

  /// Whether the runbook's own texts may use it (`explain`'s aimed commands use the rest).
  public var inRunbook: Bool {
    switch self {
    case .registry, .loginServer, .host, .port, .hostPort, .region, .clientIP, .proxy, .dataEndpoint, .address,
      .puller, .hostName:
      return true
    case .blobHost, .resolverIP:
      return false
    }
  }

  /// For tests and tables written as text: a name that is not a variable is a programming error.
  public init(stringLiteral name: String) {
    guard let known = TemplateVariable(rawValue: name) else { preconditionFailure("no template variable {\(name)}") }
    self = known
  }
}

/// Values for a template's placeholders.
public typealias TemplateValues = [TemplateVariable: String]

extension Dictionary where Key == TemplateVariable, Value == String {
  /// The value a placeholder is filled with: its own, or for `{hostName}` the host when that is a name.
  func value(of variable: TemplateVariable) -> String? {
    if let own = self[variable] { return own }
    guard variable == .hostName, let host = self[.host], !isIPAddress(host.trimming(charactersIn: "[]")) else {
      return nil
    }
    return host
  }
}
