/// The JSON `pullers` section (CONTRACT.md): one entry per puller found, with its proxy, its trust and whether
/// its own path to the registry got through (`ok`), did not (`fails`), or could not be tried (`unknown`).
extension JSONReport {
  static func pullers(_ r: Report) -> JSONValue {
    var entries: [JSONValue] = []
    for p in r.probes {
      guard case .dockerDaemon(let d) = p.facts, d.reachable else { continue }
      let paths = r.probes.compactMap { q -> PullerPathFacts? in
        if case .pullerPath(let f) = q.facts, f.puller == .docker { f } else { nil }
      }
      let tried = paths.filter { $0.notTried == nil }
      let path = tried.isEmpty ? "unknown" : (tried.allSatisfy(\.answered) ? "ok" : "fails")
      let source = d.httpsProxyFile ?? "/info"
      entries.append(
        .object([
          ("kind", .string("docker")),
          ("version", d.serverVersion.map { .string($0) } ?? .null),
          (
            "proxy",
            .object([
              ("https", d.httpsProxy.map { .string(redactSecrets($0)) } ?? .null),
              ("noProxy", d.noProxy.map { .string($0) } ?? .null),
              ("source", .string(source)),
            ])
          ),
          ("trust", .string(paths.first?.trustKind ?? "system")),
          ("path", .string(path)),
        ]))
    }
    return .array(entries + otherPullers(r))
  }
}
