/// The JSON `pullers` section (CONTRACT.md): one entry per puller found, with its proxy, its trust and whether
/// its own path to the registry got through (`ok`), did not (`fails`), or could not be tried (`unknown`).
/// The Docker daemon's entry adds, within schema 1, `mirrors` (below).
extension JSONReport {
  static func pullers(_ r: Report) -> JSONValue {
    var entries: [JSONValue] = []
    for p in r.probes {
      guard case .dockerDaemon(let d) = p.facts, d.reachable else { continue }
      let paths = r.probes.compactMap { q -> PullerPathFacts? in
        if case .pullerPath(let f) = q.facts, f.puller == .docker { f } else { nil }
      }
      let tried = paths.filter { $0.notTried == nil }
      // A dead mirror is fallen back from; a mirror that answers serves the pull whatever Docker Hub does.
      let works =
        tried.filter { !$0.isMirror }.allSatisfy(\.answered) || tried.contains { $0.isMirror && $0.answered }
      let path = tried.isEmpty ? "unknown" : (works ? "ok" : "fails")
      let source = d.httpsProxyFile ?? "/info"
      let registryPaths = paths.filter { !$0.isMirror }
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
          ("trust", .string(registryPaths.first?.trustKind ?? "system")),
          ("path", .string(path)),
          ("mirrors", dockerMirrors(d, paths: paths)),
        ]))
    }
    return .array(entries + otherPullers(r))
  }

  /// The daemon's registry mirrors: those it runs with (`/info`) and those only daemon.json names (not loaded yet:
  /// `systemctl reload docker`), each `{url, source, trust, path}`. `path`: `ok` or `fails` as probed on the
  /// daemon's own path; `not-used` when the registry is not Docker Hub (dockerd uses mirrors for nothing else);
  /// `not-loaded` for a mirror only in the file; `unknown` when not probed (a plain-http mirror).
  static func dockerMirrors(_ d: DockerDaemonFacts, paths: [PullerPathFacts]) -> JSONValue {
    let onDisk = d.sources.compactMap(\.registryMirrors).last ?? []
    let running = d.mirrors.map { (url: $0, loaded: true) }
    let pending = onDisk.filter { url in !d.mirrors.contains { DaemonMirror.sameHost($0, url) } }
    return .array(
      (running + pending.map { (url: $0, loaded: false) }).map { m in
        let probed = paths.first { $0.isMirror && $0.endpoint.label == "mirror.\(DaemonMirror.hostPort(m.url))" }
        let path =
          !m.loaded
          ? "not-loaded"
          : !d.mirrorsApply
            ? "not-used" : probed.map { $0.notTried == nil ? ($0.answered ? "ok" : "fails") : "unknown" } ?? "unknown"
        let inFile = onDisk.contains { DaemonMirror.sameHost($0, m.url) }
        return .object([
          ("url", .string(redactSecrets(shownText(m.url, keepNewlines: false)))),
          ("source", .string(m.loaded ? (inFile ? "/info, daemon.json" : "/info") : "daemon.json")),
          ("trust", probed.map { .string($0.trustKind) } ?? .null),
          ("path", .string(path)),
        ])
      })
  }
}

/// A mirror URL as daemon.json writes it (`mirror.example.com`, `https://mirror.example.com:5000/`) and as /info
/// shows it (`https://host[:port]/`): compared by `host[:port]`, :443 dropped as `Endpoint.hostPort` drops it.
enum DaemonMirror {
  static func hostPort(_ url: String) -> String {
    var rest = Substring(url.lowercased())
    var https = true
    if let r = rest.firstRange(of: "://") {
      https = rest[..<r.lowerBound] == "https"
      rest = rest[r.upperBound...]
    }
    let authority = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
    return https && authority.hasSuffix(":443") ? String(authority.dropLast(4)) : authority
  }

  static func sameHost(_ a: String, _ b: String) -> Bool { hostPort(a) == hostPort(b) }
}
