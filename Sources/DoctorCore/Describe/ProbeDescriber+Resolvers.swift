// The registry name as each resolver answers it (`dns.resolvers.<endpoint>`), in words.

extension Evidence {
  /// `10.0.0.10:53 (pasted error): timeout after 3.0 s` / `10.0.0.2 (resolv.conf): 203.0.113.10`.
  static func resolverAnswer(_ a: ResolverAnswer) -> String {
    let who = "\(a.server) (\(a.source.rawValue))"
    if let why = a.notAsked { return "\(who): not asked (\(why))" }
    if a.resolved { return "\(who): \(a.addresses.joined(separator: ", "))" }
    let error = a.error.map { ": \($0)" } ?? ""
    return "\(who): \(a.outcome.rawValue) after \(formatMs(a.ms))\(error)"
  }

  /// `getaddrinfo: 203.0.113.10` / `getaddrinfo: nxdomain (Name or service not known)`.
  static func systemAnswer(_ s: SystemLookup) -> String {
    s.outcome == .resolved && !s.addresses.isEmpty
      ? "getaddrinfo: \(s.addresses.map(\.ip).joined(separator: ", "))" : "getaddrinfo: \(lookupFailure(s))"
  }
}

extension ProbeDescriber {
  static func resolvers(_ f: ResolverComparisonFacts, _ l: Language) -> (ProbeStatus, String, [Detail], [PhaseTiming]) {
    var details = [Detail("system (getaddrinfo)", Evidence.systemAnswer(f.system))]
    if let sources = f.nsswitchHosts { details.append(Detail("nsswitch.conf hosts", sources.joined(separator: " "))) }
    if !f.hostsEntries.isEmpty { details.append(Detail("/etc/hosts", f.hostsEntries.joined(separator: ", "))) }
    for a in f.answers { details.append(Detail("\(a.server) (\(a.source.rawValue))", Evidence.resolverAnswer(a))) }
    let asked = f.answers.filter { $0.notAsked == nil }
    let failing = asked.filter { !$0.resolved }
    let summary: String
    if failing.isEmpty {
      summary = t(
        l, "\(asked.count) resolver(s) asked directly resolve \(f.endpoint.host)",
        "直接問い合わせた \(asked.count) 台のリゾルバーが \(f.endpoint.host) を解決")
    } else {
      let names = failing.map { "\($0.server) \($0.outcome.rawValue)" }.joined(separator: ", ")
      summary = t(
        l, "\(f.endpoint.host) asked directly: \(names)", "\(f.endpoint.host) を直接問い合わせ: \(names)")
    }
    let status: ProbeStatus = failing.isEmpty ? .pass : (failing.count == asked.count ? .fail : .warn)
    return (asked.isEmpty ? .skip : status, summary, details, [])
  }
}
