/// containerd, podman and CRI-O in the JSON `pullers` section, beside the Docker daemon: the same fields
/// (kind, version, proxy with credentials redacted and its source, trust, path) and, added within schema 1,
/// `pulls` (whether it makes pulls here: containerd's CRI plugin), `running` (`known` when /proc/PID/environ was
/// read, else `unknown`), `restartNeeded` and `files` (every file that is missing, unreadable or invalid).
extension JSONReport {
  static func otherPullers(_ r: Report) -> [JSONValue] {
    r.probes.compactMap { p -> JSONValue? in
      guard case .puller(let c) = p.facts else { return nil }
      let kind: PullerPathFacts.Puller =
        switch c.kind {
        case .containerd: .containerd
        case .podman: .podman
        case .crio: .crio
        }
      let paths = r.probes.compactMap { q -> PullerPathFacts? in
        if case .pullerPath(let f) = q.facts, f.puller == kind { f } else { nil }
      }
      // A dead mirror is fallen back from; a mirror that answers serves the pull whatever the registry does.
      let works =
        paths.filter { !$0.isMirror }.allSatisfy(\.answered) || paths.contains { $0.isMirror && $0.answered }
      let path = paths.isEmpty ? "unknown" : (works ? "ok" : "fails")
      let proxy = c.effective
      let files: [JSONValue] = c.files.filter { $0.state != .read }.map { file in
        .object([
          ("path", .string(shownText(file.path, keepNewlines: false))), ("state", .string(file.state.rawValue)),
          ("note", file.note.map { .string(redactSecrets(shownText($0, keepNewlines: false))) } ?? .null),
        ])
      }
      return .object([
        ("kind", .string(c.kind.rawValue)),
        ("version", c.version.map { .string($0) } ?? .null),
        (
          "proxy",
          .object([
            ("https", proxy.httpsProxy.map { .string(redactSecrets($0)) } ?? .null),
            ("noProxy", proxy.noProxy.map { .string(redactSecrets($0)) } ?? .null),
            ("source", .string(shownText(c.effectiveSource, keepNewlines: false))),
          ])
        ),
        ("trust", .string(paths.first?.trustKind ?? (c.caFiles.isEmpty ? "system" : "system+certs.d"))),
        ("path", .string(path)),
        ("pulls", .bool(c.pulls)),
        ("running", .string(c.running == nil ? "unknown" : "known")),
        ("restartNeeded", .bool(c.restartNeeded)),
        ("files", .array(files)),
      ])
    }
  }
}
