// data-endpoint-unreachable (C1): the login server works but a data endpoint (where layers come from) does not
// connect: the firewall rule for <name>.<region>.data.azurecr.io is missing. Observed by TCPProbe.

enum DataEndpointUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .dataEndpointUnreachable, cause: .clientFirewallOrProxy, severity: .error,
    rank: FindingRank(25, lessLikely: 27),
    title: .init(
      en: "The login server works but a data endpoint cannot be reached",
      ja: "ログイン サーバーには接続できますが、データ エンドポイントに接続できません"
    ),
    why: .init(
      en:
        "Login and manifests go to the login server, but image layers are downloaded from the data endpoint "
        + "{dataEndpoint}. With only the login server allowed, docker login succeeds and pulls hang or fail.",
      ja: "ログインとマニフェストはログイン サーバーを使用しますが、イメージ レイヤーはデータ エンドポイント {dataEndpoint} から"
        + "ダウンロードされます。ログイン サーバーだけが許可されていると、docker login は成功してもプルが停止または失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Add a firewall rule for every data endpoint",
          ja: "すべてのデータ エンドポイントのファイアウォール規則を追加する"
        ),
        steps: .init(
          en:
            "If dedicated data endpoints are enabled, allow <registry-name>.<region>.data.azurecr.io; for a "
            + "geo-replicated registry, configure access to the data endpoint of each regional replica. List them "
            + "all with az acr show-endpoints.",
          ja: "専用データ エンドポイントが有効になっている場合は <registry-name>.<region>.data.azurecr.io を許可します。"
            + "geo レプリケートされたレジストリの場合は、リージョンのレプリカごとにデータ エンドポイントへのアクセスを構成します。"
            + "az acr show-endpoints ですべて一覧表示できます。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}", "nc -vz -w 5 {dataEndpoint} 443",
          "curl -sv --max-time 10 -o /dev/null https://{dataEndpoint}/",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Enable dedicated data endpoints for names that are easy to allow-list",
          ja: "許可リストに登録しやすい専用データ エンドポイントを有効にする"
        ),
        steps: .init(
          en:
            "Without dedicated data endpoints, layers come from storage names that change; dedicated data endpoints "
            + "(Premium tier) give one fixed name per region.",
          ja: "専用データ エンドポイントを使用しない場合、レイヤーは変化し得るストレージ名から取得されます。専用データ エンドポイント "
            + "(Premium レベル) を使用すると、リージョンごとに固定の名前になります。"
        ),
        commands: ["az acr update --name {registry} --data-endpoint-enabled true"],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .proxy, .http]

  /// Nothing connects to a data endpoint on the direct path. Less likely the root cause when the login server fails
  /// too: then the data endpoint is one more victim of whatever blocks both.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let loginWorks = input.loginServer.map { $0.anyConnected || $0.proxyWorks } ?? false
    return input.endpoints.compactMap { e in
      let v = input.view(e)
      guard e.role == .dataEndpoint, v.directPathFails else { return nil }
      return FindingDraft(
        id: spec.id, evidence: Evidence.connects(v), probeIDs: v.ids,
        vars: v.addressVars.merging(v.templateVars) { a, _ in a },
        likelihood: loginWorks ? .usual : .lessLikely)
    }
  }

  /// A data endpoint's own direct path decides it; the login server's facts only weigh a draft already there.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { p in
      guard !p.kinds.isDisjoint(with: reads) else { return false }
      guard let view = input.view(of: p), view.endpoint.role != .dataEndpoint else { return !input.clientBypasses(p) }
      return !decide(input).isEmpty
    }
  }
}
