// no-network-problem (none): every probe on the puller's path passed and no symptom was reported.

enum NoNetworkProblem: FindingRule {
  static let spec = FindingSpec(
    id: .noNetworkProblem, cause: .none, severity: .info, rank: 90,
    title: .init(
      en: "No network problem found",
      ja: "ネットワークの問題は見つかりませんでした"
    ),
    why: .init(
      en:
        "Every check passed: the names resolve, the registry and its data endpoints accept connections, TLS is "
        + "trusted and the registry answers. A remaining failure comes from authentication or from another place "
        + "(an Azure service, another machine).",
      ja: "すべてのチェックに成功しました。名前が解決され、レジストリとデータ エンドポイントが接続を受け付け、TLS が信頼され、"
        + "レジストリが応答しています。残っている障害は、認証または別の場所 (Azure サービスや別のマシン) に起因します。"
    ),
    remedies: [
      SharedRemedies.authenticationLooksLikeNetwork,
      SharedRemedies.checkHealth,
      SharedRemedies.aksCheckACR,
    ]
  )

  static let reads: Set<FactKind> = [.http, .symptoms]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] { [] }

  static func concludeWhenHealthy(_ input: DiagnosisInput) -> FindingDraft? {
    guard input.symptoms.isEmpty else { return nil }
    return Evidence.healthy(input, as: spec.id)
  }
}
