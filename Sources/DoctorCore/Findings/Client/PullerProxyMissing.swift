// puller-proxy-missing (C1): the shell reaches the registry only through its proxy, but CRI-O (or podman, were its
// environment another than the shell's) runs without one and goes direct, where this network blocks it. What
// containerd-proxy-missing is for containerd. Observed by the `puller.crio.*` / `puller.podman.*` probes.

enum PullerProxyMissing: FindingRule {
  static let spec = FindingSpec(
    id: .pullerProxyMissing, cause: .clientFirewallOrProxy, severity: .error, rank: 7,
    title: .init(
      en: "{puller} has no proxy, but this network needs one",
      ja: "このネットワークではプロキシが必要ですが、{puller} にプロキシが構成されていません"
    ),
    why: .init(
      en:
        "The shell reaches {host} through {proxy}, but {puller}, which makes the pulls here, has no proxy and "
        + "connects directly, which this network blocks: pulls fail with dial tcp …: i/o timeout (pods stay in "
        + "ImagePullBackOff) although curl works. CRI-O takes its proxy from crio.service's environment when it "
        + "starts; podman from the shell and containers.conf [engine] env.",
      ja: "シェルは {proxy} 経由で {host} に到達していますが、ここでプルを実行する {puller} にはプロキシがなく直接接続しようと"
        + "し、このネットワークで遮断されています。curl は成功してもプルは dial tcp …: i/o timeout で失敗します (Pod は "
        + "ImagePullBackOff のまま)。CRI-O は起動時に crio.service の環境変数から、podman はシェルと containers.conf の "
        + "[engine] env からプロキシを取得します。"
    ),
    remedies: [PullerRemedies.crioDropIn, PullerRemedies.podmanProxy]
  )

  static let reads: Set<FactKind> = [.puller, .pullerPath, .proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    PullerOwnProxy.failing(input).compactMap { p, f in
      guard f.proxyURL == nil, f.bypassedBy == nil, let (sp, shell) = PullerOwnProxy.workingShellProxy(input, f)
      else { return nil }
      return FindingDraft(
        id: spec.id,
        evidence: [
          "\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)",
          "\(sp.id): the shell's proxy \(shell.proxyURL) reaches \(f.endpoint.host)",
        ], probeIDs: [p.id, sp.id],
        vars: [.host: f.endpoint.host, .proxy: shell.proxyURL, .puller: PullerOwnProxy.name(f.puller)])
    }
  }

  /// Only a podman or CRI-O path raises it; the shell's facts matter once such a path failed.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    PullerOwnProxy.mayChange(input, pending, reads: reads) { $0.proxyURL == nil && $0.bypassedBy == nil }
  }
}
