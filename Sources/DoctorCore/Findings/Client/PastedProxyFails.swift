// pasted-proxy-fails (C1): the proxy a pasted error names (`proxyconnect tcp: dial tcp 10.0.0.5:3128: …`) is not
// this shell's, so it is the failing puller's own (the Docker daemon's, a node's containerd): tried from here as
// that puller would use it, it cannot carry the pull. Observed by `puller.pasted-error.*`
// (DoctorProbes/Plan/ProbePlan+PastedError.swift).

enum PastedProxyFails: FindingRule {
  static let spec = FindingSpec(
    id: .pastedProxyFails, cause: .clientFirewallOrProxy, severity: .error, rank: 7,
    title: .init(
      en: "The proxy your error names cannot reach the registry",
      ja: "エラーに記載されたプロキシではレジストリに到達できません"
    ),
    why: .init(
      en:
        "The error you pasted went through the proxy {address}, which is not this shell's: it is the proxy of the "
        + "puller that printed it (the Docker daemon, a node's containerd or kubelet). Tried from here the way that "
        + "puller uses it, it does not get a connection to {host} through, so its pulls fail whatever the shell's "
        + "own proxy does. Point the puller at a proxy that works and restart it: a running daemon keeps the "
        + "settings it was started with.",
      ja: "貼り付けたエラーはプロキシ {address} を経由していますが、これはこのシェルのプロキシではありません。エラーを出力した"
        + "プラー (Docker デーモン、ノードの containerd や kubelet) 自身のプロキシです。そのプラーと同じ方法でここから試したところ、"
        + "{host} への接続が通りません。シェルのプロキシが動作していても、そのプラーのプルは失敗します。動作するプロキシを"
        + "プラーに設定して再起動してください。実行中のデーモンは起動時の設定を使い続けます。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Try the proxy from the failing machine", ja: "失敗しているマシンからプロキシを試す"),
        steps: .init(
          en:
            "Run this on the machine or node that printed the error. A refusal or a timeout there means the proxy "
            + "is down or not allowed from that network; a 403/407 means it denies the registry.",
          ja: "エラーを出力したマシンまたはノードで実行します。拒否やタイムアウトの場合、プロキシが停止しているか、その"
            + "ネットワークからの利用が許可されていません。403/407 の場合、プロキシがレジストリを拒否しています。"
        ),
        commands: ["curl -sv --max-time 10 -x http://{address} https://{host}/v2/ -o /dev/null"]
      ),
      SharedRemedies.verifyDaemonProxy, SharedRemedies.systemdDropIn, SharedRemedies.daemonJSONProxies,
    ]
  )

  /// The shell's proxy and the direct path only add evidence: they cannot raise or drop this finding.
  static let reads: Set<FactKind> = [.pullerPath]

  /// The pasted proxy failed; unless the Docker daemon's own path through the same proxy failed too, which
  /// docker-daemon-proxy-fails already says.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let paths = input.pullerPaths
    return paths.compactMap { p, f in
      guard f.puller == .pastedError, !f.answered, let proxy = f.proxyURL else { return nil }
      // The tunnel carried TLS but this machine's guess of the puller's trust did not verify it: the proxy works,
      // and the failing puller's trust is not known here.
      if [.untrusted, .nameMismatch, .expired].contains(f.tls?.outcome) { return nil }
      let sameAsDaemon = paths.contains { _, d in
        d.puller == .docker && !d.answered && d.proxyURL.map(DaemonProxy.endpoint) == DaemonProxy.endpoint(proxy)
      }
      if sameAsDaemon { return nil }
      var evidence = ["\(p.id): \(Evidence.pullerPath(f))", "\(p.id): proxy from \(f.source)"]
      if let err = f.proxy?.error { evidence.append("error: \(err)") }
      let view = input.view(f.endpoint)
      if let (sp, shell) = view.proxy, view.proxyWorks {
        evidence.append("\(sp.id): the shell's proxy \(shell.proxyURL) works")
      } else if view.directWorks, let (hp, h) = view.directHTTP {
        evidence.append("\(hp.id): direct from here: \(Evidence.http(h))")
      }
      return FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [p.id],
        vars: [.host: f.endpoint.host, .address: DaemonProxy.endpoint(proxy)])
    }
  }
}
