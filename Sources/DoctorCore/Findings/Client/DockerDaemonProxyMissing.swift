// docker-daemon-proxy-missing (C1): the shell reaches the registry only through its proxy, but the Docker daemon,
// which makes the pull, has none. Observed by DockerDaemonProbe (the Engine API's /info) and ProxyTunnel.

enum DockerDaemonProxyMissing: FindingRule {
  static let spec = FindingSpec(
    id: .dockerDaemonProxyMissing, cause: .clientFirewallOrProxy, severity: .error, rank: 7,
    title: .init(
      en: "The Docker daemon has no proxy, but this network needs one",
      ja: "このネットワークではプロキシが必要ですが、Docker デーモンにプロキシが構成されていません"
    ),
    why: .init(
      en:
        "The shell reaches the registry through {proxy}, but the Docker daemon, which performs the pulls and "
        + "pushes, has no proxy settings and tries to connect directly. Behind an HTTPS proxy, both the Docker client "
        + "and the Docker daemon must be configured for proxy behavior.",
      ja: "シェルは {proxy} 経由でレジストリに到達していますが、プルとプッシュを実行する Docker デーモンにはプロキシ設定がなく、"
        + "直接接続しようとしています。HTTPS プロキシの背後では、Docker クライアントと Docker デーモンの両方をプロキシの動作用に"
        + "構成する必要があります。"
    ),
    remedies: [SharedRemedies.systemdDropIn, SharedRemedies.daemonJSONProxies, SharedRemedies.verifyDaemonProxy]
  )

  static let reads: Set<FactKind> = [.dockerDaemon, .proxy, .dns, .tcp, .http]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    guard let (dp, d) = input.dockerDaemon, let (login, pp, shellProxy) = DaemonProxy.shellNeedsProxy(input),
      d.httpsProxy?.isEmpty ?? true
    else { return [] }
    return [
      FindingDraft(
        id: spec.id,
        evidence: [
          "\(dp.id): the daemon at \(d.host) has no HTTPS proxy",
          "\(pp.id): the shell's proxy \(shellProxy.proxyURL) reaches the registry",
          "direct from this machine: blocked",
        ], probeIDs: [dp.id, pp.id], vars: [.host: login.endpoint.host, .proxy: shellProxy.proxyURL])
    ]
  }

  /// Without a daemon that answers, or without a shell proxy that works, this cannot be decided, whatever comes.
  /// The shell's direct path counts even where the shell goes through its proxy: it is the daemon's path.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    DaemonProxy.mayStillNeedProxy(input, pending) && pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }
}
