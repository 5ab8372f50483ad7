// data-endpoint-dns-failure (C3): a data endpoint name (<name>.<region>.data.azurecr.io) does not resolve: its
// record is missing from the private zone, or the name does not exist. Observed by DNSFactsProbe.

enum DataEndpointDNSFailure: FindingRule {
  static let spec = FindingSpec(
    id: .dataEndpointDNSFailure, cause: .vnetPrivateEndpointConfig, severity: .error,
    rank: FindingRank(15, likelier: 9),
    title: .init(
      en: "A data endpoint name does not resolve",
      ja: "データ エンドポイント名を解決できません"
    ),
    why: .init(
      en:
        "The login server resolves, but {dataEndpoint} does not: its record is missing in the private DNS zone. "
        + "docker login works, and pulls fail when the layers are downloaded.",
      ja: "ログイン サーバーは解決されますが、{dataEndpoint} は解決されません。プライベート DNS ゾーンにレコードがありません。"
        + "docker login は成功しますが、レイヤーのダウンロード時にプルが失敗します。"
    ),
    remedies: [SharedRemedies.dataEndpointRecord, SharedRemedies.checkHealthVNet]
  )

  static let reads: Set<FactKind> = [.dns, .proxy, .http]

  /// A data endpoint's name does not resolve. Likelier the root cause when its privatelink name is the one missing
  /// (a private zone without the data endpoint's record).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard e.role == .dataEndpoint else { return nil }
      let v = input.view(e)
      guard let (p, d) = v.dns else { return nil }
      if v.privateLinkNameMissing {
        return FindingDraft(
          id: spec.id, evidence: Evidence.privateLinkMissing(p, d), probeIDs: [p.id], vars: v.templateVars,
          likelihood: .likelier)
      }
      guard v.nameDoesNotResolve else { return nil }
      return FindingDraft(id: spec.id, evidence: Evidence.unresolved(p, d), probeIDs: [p.id], vars: v.templateVars)
    }
  }

  /// A name that resolved cannot stop resolving because of what its TCP, TLS or proxy probes say.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    relevant(input, pending).contains { !input.resolvedAlready($0) }
  }
}
