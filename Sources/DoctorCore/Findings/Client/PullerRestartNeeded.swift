// puller-restart-needed (C1): the puller's files on disk (its systemd drop-ins, EnvironmentFile) name another
// proxy than the one the running puller uses (/proc/PID/environ; for dockerd its /info), and the running one's
// path fails: the fix was written but the daemon was not restarted (or systemd not reloaded). Observed by
// ContainerdProbe / ContainersProbe (`puller.containerd`, `puller.crio`) and DockerDaemonProbe with the
// `puller.*.<endpoint>` paths.

enum PullerRestartNeeded: FindingRule {
  static let spec = FindingSpec(
    id: .pullerRestartNeeded, cause: .clientFirewallOrProxy, severity: .error, rank: 5,
    title: .init(
      en: "{puller} still runs with its old proxy settings: restart it",
      ja: "{puller} が古いプロキシ設定のまま動作しています: 再起動してください"
    ),
    why: .init(
      en:
        "The files on disk give {puller} other proxy settings than the ones the running process has, and with the "
        + "running ones its pulls to {host} fail. A daemon reads its environment once, when it starts: the change "
        + "takes effect only after systemctl daemon-reload and a restart.",
      ja: "ディスク上のファイルが {puller} に指定しているプロキシ設定は、実行中のプロセスの設定と異なり、実行中の設定では "
        + "{host} へのプルが失敗します。デーモンは起動時に一度だけ環境変数を読み込むため、変更は systemctl daemon-reload と"
        + "再起動の後に有効になります。"
    ),
    remedies: [PullerRemedies.restartPuller]
  )

  static let reads: Set<FactKind> = [.puller, .pullerPath, .dockerDaemon]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    var drafts: [FindingDraft] = []
    for (p, c) in input.pullerConfigs where c.restartNeeded {
      let kind: PullerPathFacts.Puller = c.kind == .crio ? .crio : .containerd
      guard let (pp, f) = failing(input, kind), let running = c.running else { continue }
      drafts.append(
        FindingDraft(
          id: spec.id,
          evidence: [
            "\(p.id): running with \(Evidence.proxyVariables(running)) (\(c.effectiveSource))",
            "\(p.id): its files say \(Evidence.proxyVariables(c.configured))"
              + " (\(c.configuredSources.isEmpty ? "no proxy set" : c.configuredSources.joined(separator: ", ")))",
            "\(pp.id): \(Evidence.pullerPath(f))",
          ], probeIDs: [p.id, pp.id],
          vars: [.puller: c.kind == .crio ? "crio" : "containerd", .host: f.endpoint.host]))
    }
    if let docker = dockerDraft(input) { drafts.append(docker) }
    return drafts
  }

  /// dockerd: /info is what runs; its drop-ins are what the next start gives it (daemon.json `proxies` counts
  /// from Docker 23 only, and wins over the environment there).
  static func dockerDraft(_ input: DiagnosisInput) -> FindingDraft? {
    guard let (dp, d) = input.dockerDaemon, d.reachable, let (pp, f) = failing(input, .docker) else { return nil }
    let major = Int(d.serverVersion?.split(separator: ".").first ?? "") ?? 0
    var files = ProxyVariables()
    var from: [String] = []
    for s in d.sources where s.parseError == nil && (s.path.contains(".service.d") || major >= 23) {
      guard s.httpsProxy != nil || s.noProxy != nil || s.httpProxy != nil else { continue }
      files.httpsProxy = s.httpsProxy ?? files.httpsProxy
      files.httpProxy = s.httpProxy ?? files.httpProxy
      files.noProxy = s.noProxy ?? files.noProxy
      from.append(s.path)
    }
    let running = ProxyVariables(httpsProxy: d.httpsProxy, httpProxy: d.httpProxy, noProxy: d.noProxy)
    guard !from.isEmpty, DaemonProxyComparison.differs(running, files) else { return nil }
    return FindingDraft(
      id: spec.id,
      evidence: [
        "\(dp.id): the running daemon (/info) has \(Evidence.proxyVariables(running))",
        "its files say \(Evidence.proxyVariables(files)) (\(from.joined(separator: ", ")))",
        "\(pp.id): \(Evidence.pullerPath(f))",
      ], probeIDs: [dp.id, pp.id], vars: [.puller: "docker", .host: f.endpoint.host])
  }

  /// The puller's first tried path to the registry itself that fails (a mirror is fallen back from).
  static func failing(_ input: DiagnosisInput, _ kind: PullerPathFacts.Puller) -> (ProbeResult, PullerPathFacts)? {
    input.pullerPaths.first { $0.1.puller == kind && !$0.1.isMirror && $0.1.notTried == nil && !$0.1.answered }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }
}
