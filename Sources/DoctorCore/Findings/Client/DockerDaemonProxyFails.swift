// docker-daemon-proxy-fails (C1): the Docker daemon's own proxy, tried as the daemon uses it (Go's rules, the
// daemon's NO_PROXY), cannot carry the pull: refused, silent, 403/407, EOF. Observed by the `puller.docker.*`
// probes (ProbePlan+Puller), which follow DockerDaemonProbe's `/info`.

enum DockerDaemonProxyFails: FindingRule {
  static let spec = FindingSpec(
    id: .dockerDaemonProxyFails, cause: .clientFirewallOrProxy, severity: .error, rank: 6,
    title: .init(
      en: "The Docker daemon's own proxy cannot reach the registry",
      ja: "Docker デーモン自身のプロキシではレジストリに到達できません"
    ),
    why: .init(
      en:
        "Pulls are made by the Docker daemon, through the proxy in its own settings (the evidence names it). "
        + "Tried as the daemon uses it, that proxy does not carry the connection to {host}, so every pull fails (proxyconnect "
        + "tcp: …) even where the shell's own proxy works. Fix the daemon's proxy in its systemd drop-in or "
        + "daemon.json, then restart the daemon: a running daemon keeps the proxy it was started with.",
      ja: "プルは Docker デーモンが、自身の設定にあるプロキシ (証拠欄に記載) を経由して実行します。デーモンと同じ方法で"
        + "試したところ、このプロキシは {host} への接続を中継できないため、シェルのプロキシが動作していてもすべてのプルが"
        + "失敗します (proxyconnect tcp: …)。systemd のドロップインまたは daemon.json でデーモンのプロキシを修正し、"
        + "デーモンを再起動してください。実行中のデーモンは起動時のプロキシを使い続けます。"
    ),
    remedies: [SharedRemedies.verifyDaemonProxy, SharedRemedies.systemdDropIn, SharedRemedies.daemonJSONProxies]
  )

  static let reads: Set<FactKind> = [.pullerPath, .proxy]

  /// The daemon goes through a proxy that fails, and it is not the shell's proxy (whose failure has its own
  /// finding: proxy-unreachable, proxy-connect-denied, …).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.pullerPaths.compactMap { p, f in
      guard let daemonProxy = f.proxyURL, f.notTried == nil, !f.answered,
        ![.untrusted, .nameMismatch, .expired].contains(f.tls?.outcome)
      else {
        return nil
      }
      let shell = input.view(f.endpoint).proxy?.1
      if let shell, DaemonProxy.endpoint(shell.proxyURL) == DaemonProxy.endpoint(daemonProxy) { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)"]
      if let err = f.proxy?.error { evidence.append("error: \(err)") }
      var vars = ["host": f.endpoint.host]
      if let shell, shell.outcome == .established {
        evidence.append("\(input.view(f.endpoint).proxy?.0.id ?? "proxy"): the shell's proxy \(shell.proxyURL) works")
        vars["proxy"] = shell.proxyURL
      }
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: vars)
    }
  }
}
