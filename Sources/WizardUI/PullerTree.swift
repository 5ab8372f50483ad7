import DoctorCore

// The decision tree's puller branch: which programs make the pulls on this machine (the Docker daemon,
// containerd, podman, CRI-O), the proxy each uses and the file it comes from, the trust it verifies the registry
// with, and its own path's probes; for the one that fails, the finding's fix and the restart it needs. Built from
// the report's probes only: the wizard shows what regdoctor measured.

/// One puller as the wizard shows it.
struct PullerBranch: Sendable, Equatable {
  var name: String
  /// ok, fails, unknown (as the JSON `pullers` section says).
  var path: String
  /// (what, value) lines: role, proxy and where it comes from, trust, mirrors, files that could not be read.
  var facts: [(String, String)]
  /// Its own path's probes: `pass puller.containerd.login-server: via containerd's proxy …`.
  var probes: [String]
  /// The finding ids about this puller in the report.
  var findings: [String]
  /// `systemctl daemon-reload && systemctl restart containerd`, for a daemon.
  var restart: String?

  static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.path == b.path && a.probes == b.probes && a.findings == b.findings
      && a.facts.map { $0.0 + $0.1 } == b.facts.map { $0.0 + $0.1 }
  }
}

extension AppState {
  var pullerBranches: [PullerBranch] {
    guard let report else { return [] }
    func paths(_ kind: PullerPathFacts.Puller) -> [DescribedProbe] {
      report.probes.filter { if case .pullerPath(let f) = $0.facts { f.puller == kind } else { false } }
    }
    func outcome(_ results: [DescribedProbe]) -> String {
      results.isEmpty ? "unknown" : (results.allSatisfy { $0.status == .pass } ? "ok" : "fails")
    }
    func lines(_ results: [DescribedProbe]) -> [String] {
      results.map { "\($0.status.rawValue) \($0.id): \($0.summary)" }
    }
    /// The findings named after it, and those resting on its own probes (its settings, its paths).
    func findings(_ words: [String], own: [DescribedProbe]) -> [String] {
      let ids = Set(own.map(\.id))
      return report.findings.filter { f in
        words.contains { f.id.rawValue.contains($0) } || f.probeIDs.contains { ids.contains($0) }
      }.map(\.id.rawValue)
    }
    var branches: [PullerBranch] = []
    for p in report.probes {
      switch p.facts {
      case .dockerDaemon(let d) where d.reachable:
        let results = paths(.docker)
        let path = results.lazy.compactMap { r in if case .pullerPath(let f) = r.facts { f } else { nil } }.first
        var facts = [
          ("version", d.serverVersion ?? "?"),
          ("proxy", ProxyVariables(httpsProxy: d.httpsProxy, httpProxy: d.httpProxy, noProxy: d.noProxy).shown),
          ("from", dockerProxyOrigin(d, path)),
        ]
        if let path { facts.append(("trust", path.trust)) }
        branches.append(
          PullerBranch(
            name: "Docker daemon", path: outcome(results), facts: facts, probes: lines(results),
            findings: findings(["docker-daemon", "docker"], own: results),
            restart: "systemctl daemon-reload && systemctl restart docker"))
      case .puller(let c):
        let kind: PullerPathFacts.Puller = c.kind == .containerd ? .containerd : (c.kind == .podman ? .podman : .crio)
        let results = paths(kind)
        var facts = [("role", c.role), ("proxy", c.effective.shown), ("from", c.effectiveSource)]
        if c.restartNeeded {
          facts.append(("on disk", c.configured.shown + " (" + c.configuredSources.joined(separator: ", ") + ")"))
        } else if let why = c.runningUnknown {
          facts.append(("running", why))
        }
        if case .pullerPath(let f)? = results.first?.facts { facts.append(("trust", f.trust)) }
        if let hosts = c.hostsFile { facts.append(("registry settings", hosts)) }
        if c.pullHosts.count > 1 { facts.append(("pulls try", c.pullHosts.joined(separator: ", "))) }
        for file in c.files where file.state != .read && file.state != .missing {
          facts.append((file.state.rawValue, file.path + (file.note.map { ": \($0)" } ?? "")))
        }
        let words = c.kind == .containerd ? ["containerd"] : [c.kind.rawValue]
        branches.append(
          PullerBranch(
            name: c.name, path: c.pulls ? outcome(results) : "not a puller here", facts: facts, probes: lines(results),
            findings: findings(words, own: [p] + results), restart: c.restartCommand))
      default: continue
      }
    }
    return branches
  }

  /// Where the running daemon's proxy was read: /info, or as root its /proc/PID/environ when /info masks the
  /// proxy's password (its own path's probe says which, `/proc/812/environ of the daemon at …`), and the file that
  /// sets it, compared by proxy host and port.
  private func dockerProxyOrigin(_ d: DockerDaemonFacts, _ path: PullerPathFacts?) -> String {
    var read = "/info"
    if let source = path?.source, source.hasPrefix("/proc/"), let environ = source.split(separator: " ").first {
      read = "\(environ): /info masks the password"
    }
    let file = d.httpsProxyFile.map { "; set in \($0)" } ?? ""
    return "the running daemon (\(read))\(file)"
  }

  func writePuller(_ index: Int, into out: inout PaneWriter) {
    let all = pullerBranches
    guard all.indices.contains(index) else { return }
    let b = all[index]
    out.title("\(b.name): \(b.path)")
    for (what, value) in b.facts { out.paragraph("\(what): \(shownText(value, keepNewlines: false))") }
    out.items(UIText.pullerProbes(language), b.probes.map { shownText($0, keepNewlines: false) })
    out.items(UIText.pullerFindings(language), b.findings)
    if b.path == "fails", let restart = b.restart {
      out.heading(UIText.pullerRestart(language))
      out.command("sudo " + restart)
    }
  }

  func pullerLabel(_ b: PullerBranch) -> String { "\(b.name): \(b.path)" }
}

extension UIText {
  static let pullersNode = T(en: "Pullers on this machine", ja: "このマシンのプル実行元")
  static let pullersIntro = T(
    en:
      "The pull is made by a daemon (the Docker daemon, containerd for the kubelet, CRI-O) or by podman in your own "
      + "process, each with its own proxy, trust and mirrors. regdoctor asked the registry again the way each one "
      + "does; a puller whose path fails is why pulls fail although curl works.",
    ja: "プルはデーモン (Docker デーモン、kubelet の containerd、CRI-O) またはユーザー自身のプロセスの podman が実行し、"
      + "それぞれ独自のプロキシ、信頼ストア、ミラーを持ちます。regdoctor は各プル実行元と同じ方法でレジストリに再度"
      + "問い合わせました。経路が失敗するプル実行元が、curl は成功してもプルが失敗する理由です。")
  static let pullerProbes = T(en: "Its own path", ja: "自身の経路")
  static let pullerFindings = T(en: "Findings about it", ja: "関連する所見")
  static let pullerRestart = T(
    en: "After changing its files, restart it", ja: "ファイルを変更した後に再起動する")
}
