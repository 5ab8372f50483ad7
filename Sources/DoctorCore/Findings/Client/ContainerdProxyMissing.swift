// containerd-proxy-missing (C1): the shell reaches the registry only through its proxy, but containerd, which makes
// the kubelet's pulls (CRI), runs without one and goes direct, where this network blocks it. Observed by the
// `puller.containerd.*` probes (ProbePlan+Pullers), which follow ContainerdProbe (/proc/PID/environ, drop-ins).

enum ContainerdProxyMissing: FindingRule {
  static let spec = FindingSpec(
    id: .containerdProxyMissing, cause: .clientFirewallOrProxy, severity: .error, rank: 7,
    title: .init(
      en: "containerd has no proxy, but this network needs one",
      ja: "このネットワークではプロキシが必要ですが、containerd にプロキシが構成されていません"
    ),
    why: .init(
      en:
        "The shell reaches {host} through {proxy}, but containerd, which makes the pulls on this node (the kubelet "
        + "asks it through CRI), runs without a proxy and connects directly, which this network blocks. Pods stay "
        + "in ImagePullBackOff (dial tcp …: i/o timeout) although curl works. containerd takes its proxy from "
        + "containerd.service's environment when it starts.",
      ja: "シェルは {proxy} 経由で {host} に到達していますが、このノードでプルを実行する containerd (kubelet が CRI 経由で"
        + "依頼します) はプロキシなしで直接接続しようとし、このネットワークで遮断されています。curl は成功しても Pod は "
        + "ImagePullBackOff (dial tcp …: i/o timeout) のままです。containerd は起動時に containerd.service の環境変数から"
        + "プロキシを取得します。"
    ),
    remedies: [PullerRemedies.containerdDropIn, PullerRemedies.verifyContainerdProxy]
  )

  static let reads: Set<FactKind> = [.puller, .pullerPath, .proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.pullerPaths.compactMap { p, f in
      guard f.puller == .containerd, f.proxyURL == nil, f.bypassedBy == nil, f.notTried == nil, !f.answered,
        !ContainerdPath.trustFailure(f), let shell = ContainerdPath.workingShellProxy(input, f)
      else { return nil }
      return FindingDraft(
        id: spec.id,
        evidence: [
          "\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)",
          "\(shell.0.id): the shell's proxy \(shell.1.proxyURL) reaches \(f.endpoint.host)",
        ], probeIDs: [p.id, shell.0.id], vars: [.host: f.endpoint.host, .proxy: shell.1.proxyURL])
    }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }
}

/// What the containerd findings share.
enum ContainerdPath {
  /// The path reached TLS and found a chain containerd does not accept: puller-untrusted-certificate's case.
  static func trustFailure(_ f: PullerPathFacts) -> Bool {
    [.untrusted, .nameMismatch, .expired].contains(f.tls?.outcome) && !f.skipVerify
  }

  /// The shell's proxy to the same endpoint, when it works.
  static func workingShellProxy(_ input: DiagnosisInput, _ f: PullerPathFacts) -> (ProbeResult, ProxyFacts)? {
    guard let (pp, shell) = input.view(f.endpoint).proxy, shell.outcome == .established else { return nil }
    return (pp, shell)
  }
}
