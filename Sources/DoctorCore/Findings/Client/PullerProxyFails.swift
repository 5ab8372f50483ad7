// puller-proxy-fails (C1): podman's or CRI-O's own proxy, tried as that puller uses it (Go's rules, its own
// NO_PROXY), cannot carry the pull: refused, silent, 403/407, EOF; or its NO_PROXY sends the registry around
// its proxy where this network blocks direct. podman's own proxy is the shell's plus containers.conf
// `[engine] env` for the names the shell does not set; CRI-O's is crio.service's environment (or /proc's).
// Observed by the `puller.podman.*` and `puller.crio.*` probes (ProbePlan+Pullers, ContainersProbe). The Docker
// daemon and containerd have their own findings (docker-daemon-proxy-fails, containerd-proxy-mismatch).

enum PullerProxyFails: FindingRule {
  static let spec = FindingSpec(
    id: .pullerProxyFails, cause: .clientFirewallOrProxy, severity: .error, rank: 6,
    title: .init(
      en: "{puller}'s own proxy cannot reach the registry",
      ja: "{puller} 自身のプロキシではレジストリに到達できません"
    ),
    why: .init(
      en:
        "The pull is made by {puller}, with proxy settings of its own (the evidence names them and where they "
        + "come from): for podman, containers.conf [engine] env adds the variables the shell does not set; CRI-O "
        + "has crio.service's environment. Tried as {puller} uses them, they do not get the connection to {host} "
        + "through: its proxy fails, or its NO_PROXY sends the registry around the proxy where this network "
        + "blocks it. Every pull fails (proxyconnect tcp: …, dial tcp: …) although the shell's own path works.",
      ja: "プルは {puller} が、自身のプロキシ設定 (証拠欄に設定とその出所を記載) で実行します。podman では containers.conf "
        + "の [engine] env がシェルで設定されていない変数を追加し、CRI-O は crio.service の環境変数を使います。{puller} と"
        + "同じ方法で試したところ、この設定では {host} への接続が通りません。プロキシが失敗するか、NO_PROXY によって"
        + "レジストリへの接続がプロキシを経由せず、このネットワークで遮断されています。シェル自身の経路は動作していても、"
        + "すべてのプルが失敗します (proxyconnect tcp: …、dial tcp: …)。"
    ),
    remedies: [PullerRemedies.podmanProxy, PullerRemedies.crioDropIn]
  )

  static let reads: Set<FactKind> = [.puller, .pullerPath, .proxy, .http]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    PullerOwnProxy.failing(input).compactMap { p, f in
      let shell = PullerOwnProxy.shellPath(input, f)
      // The shell failing the same way has the shell's findings (proxy-unreachable, no-proxy-bypasses-proxy, …).
      guard !shell.evidence.isEmpty else { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)"]
      if let entry = f.bypassedBy {
        evidence.append(
          "\(PullerOwnProxy.name(f.puller))'s NO_PROXY entry '\(entry)' sends \(f.endpoint.host) around its proxy")
      } else if f.proxyURL != nil {
        // The shell's own proxy failing has the shell's proxy findings (proxy-unreachable, …), said once.
        if PullerOwnProxy.usesTheShellsProxy(input, f) { return nil }
        if let error = f.proxy?.error { evidence.append("error: \(error)") }
      } else {
        return nil  // no proxy at all: puller-proxy-missing's
      }
      return FindingDraft(id: spec.id, evidence: evidence + shell.evidence, probeIDs: [p.id], vars: shell.vars)
    }
  }

  /// Only a podman or CRI-O path raises it; the shell's facts matter once such a path failed.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    PullerOwnProxy.mayChange(input, pending, reads: reads) {
      $0.bypassedBy != nil || ($0.proxyURL != nil && !PullerOwnProxy.usesTheShellsProxy(input, $0))
    }
  }
}
