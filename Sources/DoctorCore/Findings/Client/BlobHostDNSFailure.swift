// blob-host-dns-failure (C1): the host layers come from (learnt from the blob request's redirect, `--image`) does
// not resolve here: login and manifests work, the layers fail with `dial tcp: lookup HOST: no such host`.
// Observed by DNSFactsProbe on the blob host.

enum BlobHostDNSFailure: FindingRule {
  static let spec = FindingSpec(
    id: .blobHostDNSFailure, cause: .clientFirewallOrProxy, severity: .error, rank: 16,
    title: .init(
      en: "The host image layers come from does not resolve",
      ja: "イメージ レイヤーの取得元ホストを名前解決できません"
    ),
    why: .init(
      en:
        "The registry redirects blob requests to {host}, and this machine's DNS has no address for it. docker login "
        + "and manifests work, and the pull fails at the first layer with dial tcp: lookup {host}.",
      ja: "レジストリは BLOB 要求を {host} にリダイレクトしますが、このマシンの DNS にはそのアドレスがありません。"
        + "docker login とマニフェストは成功し、プルは最初のレイヤーで dial tcp: lookup {host} により失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Make the blob host resolvable from this machine",
          ja: "このマシンから BLOB ホストを名前解決できるようにする"
        ),
        steps: .init(
          en:
            "Check that the DNS servers this machine uses forward {host} (a split-horizon or filtering resolver may "
            + "answer only for the login server). For an ACR storage account (*.blob.core.windows.net) behind a "
            + "private endpoint, the privatelink.blob.core.windows.net zone must be linked or forwarded too.",
          ja: "このマシンが使用する DNS サーバーが {host} を転送していることを確認します (スプリット ホライズンやフィルタリング"
            + "を行うリゾルバーは、ログイン サーバーにしか応答しないことがあります)。プライベート エンドポイントの背後にある ACR の"
            + "ストレージ アカウント (*.blob.core.windows.net) では、privatelink.blob.core.windows.net ゾーンもリンクまたは"
            + "転送されている必要があります。"
        ),
        commands: ["getent hosts {host}", "dig {host}", "cat /etc/resolv.conf"]
      )
    ]
  )

  static let reads: Set<FactKind> = [.dns, .proxy, .http, .pull]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role == .blobHost else { return nil }
      let v = input.view(e)
      guard let (p, d) = v.dns, v.nameDoesNotResolve || v.privateLinkNameMissing else { return nil }
      // The puller's proxy resolves the name for it: the shell's resolver does not stop the pull.
      if v.goUsesProxy, v.proxy?.1.outcome == .established { return nil }
      var evidence = Evidence.unresolved(p, d)
      if let (q, pull) = input.pull, pull.blobHost?.host == e.host {
        evidence.insert("\(q.id): the blob request was redirected to \(e.host)", at: 0)
      }
      return FindingDraft(id: spec.id, evidence: evidence, probeIDs: [p.id], vars: v.templateVars)
    }
  }

  /// A name that resolved cannot stop resolving because of what its TCP, TLS or proxy probes say.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    guard input.pull != nil || pending.contains(where: { $0.kinds.contains(.pull) }) else { return false }
    return relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
