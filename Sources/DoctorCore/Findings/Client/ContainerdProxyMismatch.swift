// containerd-proxy-mismatch (C1): containerd runs with another proxy (or a NO_PROXY that sends the registry
// around it) than the shell's working one, and its own path fails. Observed by the `puller.containerd.*` probes.

enum ContainerdProxyMismatch: FindingRule {
  static let spec = FindingSpec(
    id: .containerdProxyMismatch, cause: .clientFirewallOrProxy, severity: .error, rank: 6,
    title: .init(
      en: "containerd's proxy settings differ from the working ones, and its pulls fail",
      ja: "containerd のプロキシ設定が正常に動作する設定と異なり、プルが失敗します"
    ),
    why: .init(
      en:
        "containerd, which makes the pulls on this node, uses another proxy or NO_PROXY than the shell, and tried "
        + "the way containerd uses them they do not get to {host}: its proxy fails, or its NO_PROXY sends the "
        + "registry direct where this network blocks it. Fix containerd's drop-in and restart it: a running "
        + "containerd keeps the environment it started with.",
      ja: "このノードでプルを実行する containerd はシェルとは異なるプロキシまたは NO_PROXY を使用しており、containerd と同じ"
        + "方法で試すと {host} に到達できません。プロキシが失敗するか、NO_PROXY によってレジストリへの接続が直接行われ、"
        + "このネットワークで遮断されています。containerd のドロップインを修正して再起動してください。実行中の containerd は"
        + "起動時の環境変数を使い続けます。"
    ),
    remedies: [PullerRemedies.containerdDropIn, PullerRemedies.verifyContainerdProxy]
  )

  static let reads: Set<FactKind> = [.puller, .pullerPath, .proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.pullerPaths.compactMap { p, f in
      guard f.puller == .containerd, f.notTried == nil, !f.answered, !ContainerdPath.trustFailure(f),
        let shell = ContainerdPath.workingShellProxy(input, f)
      else { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): settings from \(f.source)"]
      if let entry = f.bypassedBy {
        evidence.append("containerd's NO_PROXY entry '\(entry)' sends \(f.endpoint.host) around its proxy")
      } else if let proxy = f.proxyURL, DaemonProxy.endpoint(proxy) != DaemonProxy.endpoint(shell.1.proxyURL) {
        if let error = f.proxy?.error { evidence.append("error: \(error)") }
      } else {
        return nil
      }
      evidence.append("\(shell.0.id): the shell's proxy \(shell.1.proxyURL) works")
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [p.id, shell.0.id],
        vars: [.host: f.endpoint.host, .proxy: shell.1.proxyURL])
    }
  }

  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }
}
