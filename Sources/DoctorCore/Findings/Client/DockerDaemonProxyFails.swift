// docker-daemon-proxy-fails (C1): the Docker daemon's own proxy, tried as the daemon uses it (Go's rules, the
// daemon's NO_PROXY), cannot carry the pull: refused, silent, 403/407, EOF; or the daemon's NO_PROXY sends the
// registry direct, around its proxy, and direct is blocked. Observed by the `puller.docker.*`
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
        "Pulls are made by the Docker daemon, with the proxy settings of its own configuration (the evidence names "
        + "them). Tried as the daemon uses them, they do not get the connection to {host} through: the daemon's "
        + "proxy fails, or its NO_PROXY sends the registry around the proxy where this network blocks it. Every "
        + "pull fails (proxyconnect tcp: …, dial tcp: …) even where the shell's own proxy works. Fix the daemon's "
        + "proxy in its systemd drop-in or daemon.json, then restart the daemon: a running daemon keeps the "
        + "settings it was started with.",
      ja: "プルは Docker デーモンが、自身の構成にあるプロキシ設定 (証拠欄に記載) で実行します。デーモンと同じ方法で"
        + "試したところ、この設定では {host} への接続が通りません。デーモンのプロキシが失敗するか、NO_PROXY によって"
        + "レジストリへの接続がプロキシを経由せず、このネットワークで遮断されています。シェルのプロキシが動作していても"
        + "すべてのプルが失敗します (proxyconnect tcp: …、dial tcp: …)。systemd のドロップインまたは daemon.json で"
        + "デーモンのプロキシを修正し、デーモンを再起動してください。実行中のデーモンは起動時の設定を使い続けます。"
    ),
    remedies: [SharedRemedies.verifyDaemonProxy, SharedRemedies.systemdDropIn, SharedRemedies.daemonJSONProxies]
  )

  static let reads: Set<FactKind> = [.pullerPath, .proxy]

  /// Only the daemon's own path can raise it; the shell's proxy matters once that path failed.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    let failed = input.pullerPaths.contains { $0.1.puller == .docker && !$0.1.answered && $0.1.notTried == nil }
    return pending.contains { $0.kinds.contains(.pullerPath) || (failed && !$0.kinds.isDisjoint(with: reads)) }
  }

  /// The daemon goes through a proxy that fails, and it is not the shell's proxy (whose failure has its own
  /// finding: proxy-unreachable, proxy-connect-denied, …); or the daemon's own NO_PROXY sends the registry
  /// direct, around its proxy, and direct fails.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    // A dead mirror is fallen back from (registry-mirror-unreachable): only the registry's own path decides.
    input.pullerPaths.filter { $0.1.puller == .docker && !$0.1.isMirror }.compactMap { p, f in
      if let entry = f.bypassedBy { return bypassed(p, f, entry: entry, input) }
      guard let daemonProxy = f.proxyURL, f.notTried == nil, !f.answered,
        ![.untrusted, .nameMismatch, .expired].contains(f.tls?.outcome)
      else {
        return nil
      }
      let shell = input.view(f.endpoint).proxy?.1
      if let shell, DaemonProxy.endpoint(shell.proxyURL) == DaemonProxy.endpoint(daemonProxy) { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)"]
      if let err = f.proxy?.error { evidence.append("error: \(err)") }
      var vars: [TemplateVariable: String] = [.host: f.endpoint.host]
      if let shell, shell.outcome == .established {
        evidence.append("\(input.view(f.endpoint).proxy?.0.id ?? "proxy"): the shell's proxy \(shell.proxyURL) works")
        vars[.proxy] = shell.proxyURL
      }
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: vars)
    }
  }

  private static func bypassed(_ p: ProbeResult, _ f: PullerPathFacts, entry: String, _ input: DiagnosisInput)
    -> FindingDraft?
  {
    guard !f.answered, ![.untrusted, .nameMismatch, .expired].contains(f.tls?.outcome) else { return nil }
    var vars: [TemplateVariable: String] = [.host: f.endpoint.host]
    if let shell = input.view(f.endpoint).proxy?.1, shell.outcome == .established { vars[.proxy] = shell.proxyURL }
    return FindingDraft(
      id: spec.id,
      evidence: [
        "\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)",
        "the daemon's NO_PROXY entry '\(entry)' sends \(f.endpoint.host) around its proxy",
      ], probeIDs: [p.id], vars: vars)
  }
}
