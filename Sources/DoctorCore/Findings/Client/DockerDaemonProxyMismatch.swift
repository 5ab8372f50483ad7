// docker-daemon-proxy-mismatch (C1, warning): the daemon's proxy or NO_PROXY differ from the shell's working ones.
// Observed by DockerDaemonProbe (the Engine API's /info: HTTPSProxy, NoProxy) and ProxyTunnel (the shell's proxy).

enum DockerDaemonProxyMismatch: FindingRule {
  static let spec = FindingSpec(
    id: .dockerDaemonProxyMismatch, cause: .clientFirewallOrProxy, severity: .warning, rank: 40,
    title: .init(
      en: "The Docker daemon's proxy settings differ from the working ones",
      ja: "Docker デーモンのプロキシ設定が、正常に動作する設定と異なります"
    ),
    why: .init(
      en:
        "The daemon uses a different proxy or NO_PROXY than the shell, where the registry is reachable. Pulls "
        + "may fail even though curl works. A daemon that was not restarted after a change still uses the old values.",
      ja: "デーモンは、レジストリに到達できるシェルとは異なるプロキシまたは NO_PROXY を使用しています。curl は成功しても"
        + "プルが失敗する場合があります。変更後にデーモンを再起動していない場合は、古い値が使用され続けます。"
    ),
    remedies: [SharedRemedies.verifyDaemonProxy, SharedRemedies.systemdDropIn, SharedRemedies.daemonJSONProxies]
  )

  static let reads: Set<FactKind> = [.dockerDaemon, .proxy, .dns, .tcp, .http]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    guard let (dp, d) = input.dockerDaemon, let (login, pp, shellProxy) = DaemonProxy.shellNeedsProxy(input),
      let daemonProxy = d.httpsProxy, !daemonProxy.isEmpty
    else { return [] }
    var evidence: [String] = []
    if DaemonProxy.endpoint(daemonProxy) != DaemonProxy.endpoint(shellProxy.proxyURL) {
      evidence.append("\(dp.id): daemon HTTPS proxy \(daemonProxy), shell uses \(shellProxy.proxyURL)")
    }
    // The daemon applies Go's NO_PROXY rules to its own list.
    let daemonEnvironment = ProxyEnvironment(environment: ["HTTPS_PROXY": daemonProxy, "NO_PROXY": d.noProxy ?? ""])
    if let entry = daemonEnvironment.decision(for: login.endpoint).bypassedBy {
      evidence.append(
        "\(dp.id): daemon NO_PROXY entry '\(entry)' sends \(login.endpoint.host) direct, which is blocked")
    }
    guard !evidence.isEmpty else { return [] }
    return [
      FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [dp.id, pp.id],
        vars: [.host: login.endpoint.host, .proxy: shellProxy.proxyURL])
    ]
  }

  /// Without a daemon that answers, or without a shell proxy that works, this cannot be decided, whatever comes.
  /// The shell's direct path counts even where the shell goes through its proxy: it is the daemon's path.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    DaemonProxy.mayStillNeedProxy(input, pending) && pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }
}
