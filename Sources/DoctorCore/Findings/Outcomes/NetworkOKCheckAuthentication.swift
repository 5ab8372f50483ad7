// network-ok-check-authentication (registry-auth): the network path is healthy and the registry challenges for
// authentication as it should, yet the user saw a failure: the article points at authentication then.

enum NetworkOKCheckAuthentication: FindingRule {
  static let spec = FindingSpec(
    id: .networkOKCheckAuthentication, cause: .registryAuth, severity: .info, rank: 90,
    title: .init(
      en: "The network path is healthy: check authentication",
      ja: "ネットワーク経路は正常です: 認証を確認してください"
    ),
    why: .init(
      en:
        "The registry answers and asks for credentials as it should (401 with a Bearer challenge). Network "
        + "connectivity symptoms can also occur when there's a problem with registry authentication or authorization.",
      ja: "レジストリは応答しており、想定どおりに資格情報を要求しています (Bearer チャレンジ付きの 401)。レジストリの認証または"
        + "承認に問題がある場合にも、ネットワーク接続の現象が発生することがあります。"
    ),
    remedies: [
      SharedRemedies.authenticationLooksLikeNetwork,
      RemedySpec(
        title: .init(en: "Check the registry environment", ja: "レジストリ環境を確認する"),
        steps: .init(
          en:
            "az acr check-health also verifies the Docker client and daemon, the Helm and Notary clients, and "
            + "fetches a refresh and access token for the registry.",
          ja: "az acr check-health では、Docker クライアントとデーモン、Helm と Notary クライアントの確認に加え、"
            + "レジストリの更新トークンとアクセス トークンの取得も確認されます。"
        ),
        commands: ["az acr check-health --name {registry} --ignore-errors --yes"]
      ),
      RemedySpec(
        title: .init(
          en: "Check the identity's role on the registry",
          ja: "ID に割り当てられたレジストリのロールを確認する"
        ),
        steps: .init(
          en:
            "Pulling needs AcrPull (or a higher role), pushing needs AcrPush, on the registry or its resource group.",
          ja: "プルには AcrPull (またはそれ以上のロール)、プッシュには AcrPush が、レジストリまたはそのリソース グループに"
            + "割り当てられている必要があります。"
        ),
        commands: [
          "az role assignment list --scope $(az acr show --name {registry} --query id -o tsv) -o table"
        ]
      ),
      SharedRemedies.loginEventsQuery,
    ]
  )

  static let reads: Set<FactKind> = [.http, .symptoms]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] { [] }

  /// The article: network-like symptoms can come from authentication or authorization problems.
  static func concludeWhenHealthy(_ input: DiagnosisInput) -> FindingDraft? {
    guard !input.symptoms.isEmpty else { return nil }
    return Evidence.healthy(input, as: spec.id)
  }
}
