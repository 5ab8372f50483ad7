// no-proxy-bypasses-proxy (C1): NO_PROXY sends the registry direct, direct egress is blocked, the proxy works.
// Observed by ProxyTunnel (the NO_PROXY decision under Go's rules, and the tunnel) and TCPProbe (direct).

enum NoProxyBypassesProxy: FindingRule {
  static let spec = FindingSpec(
    id: .noProxyBypassesProxy, cause: .clientFirewallOrProxy, severity: .error, rank: 6,
    title: .init(
      en: "NO_PROXY sends the registry past the proxy, and direct access is blocked",
      ja: "NO_PROXY によってレジストリがプロキシを経由せず、直接アクセスはブロックされています"
    ),
    why: .init(
      en:
        "An entry in NO_PROXY or no_proxy (such as .azurecr.io or .io) matches {host}, so the client connects "
        + "directly, and this network allows outbound HTTPS only through the proxy.",
      ja: "NO_PROXY または no_proxy のエントリ (.azurecr.io や .io など) が {host} に一致するため、クライアントは直接接続しますが、"
        + "このネットワークでは送信 HTTPS はプロキシ経由でのみ許可されています。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Remove the matching entry from NO_PROXY in the shell and the daemon",
          ja: "シェルとデーモンの NO_PROXY から一致するエントリを削除する"
        ),
        steps: .init(
          en:
            "Edit both spellings (NO_PROXY and no_proxy) in the shell profile, and the NO_PROXY of the Docker "
            + "daemon (systemd drop-in or the no-proxy key in daemon.json); then restart the daemon. Keep private "
            + "endpoints in NO_PROXY only when they are reachable directly.",
          ja: "シェル プロファイルの両方の表記 (NO_PROXY と no_proxy) と、Docker デーモンの NO_PROXY (systemd のドロップイン、"
            + "または daemon.json の no-proxy キー) を編集し、デーモンを再起動してください。プライベート エンドポイントは、"
            + "直接到達できる場合にのみ NO_PROXY に残します。"
        ),
        commands: [
          "env | grep -i no_proxy",
          "systemctl show docker --property=Environment",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      )
    ]
  )

  static let reads: Set<FactKind> = [.proxy, .dns, .tcp, .http]

  /// NO_PROXY sends the registry direct, direct is blocked, and the proxy would have worked.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard let (p, f) = v.proxy, let entry = f.decision.bypassedBy, f.decision.go == nil, v.proxyWorks else {
        return nil
      }
      guard v.directBlocked || !v.resolved else { return nil }
      let evidence = [
        "\(p.id): NO_PROXY entry '\(entry)' sends \(e.host) direct",
        "direct: \(v.tcp.map { "\($0.0.id) \($0.1.outcome.rawValue)" }.joined(separator: ", "))",
        "through \(f.proxyURL) the registry answers",
      ]
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [p.id] + v.ids,
        vars: [.host: e.host, .proxy: f.proxyURL])
    }
  }

  /// Only an endpoint that NO_PROXY sends direct can be decided here.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { p in
      input.view(of: p).map { input.proxyEnvironment.decision(for: $0.endpoint).bypassedBy != nil } ?? true
    }
  }
}
