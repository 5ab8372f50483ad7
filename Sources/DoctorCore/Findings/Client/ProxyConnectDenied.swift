// proxy-connect-denied (C1): the proxy answers CONNECT with 403, 407 or another non-2xx status.
// Observed by ProxyTunnel (DoctorProbes/Net): the proxy's status line to regdoctor's own CONNECT, as ProxyFacts.

enum ProxyConnectDenied: FindingRule {
  static let spec = FindingSpec(
    id: .proxyConnectDenied, cause: .clientFirewallOrProxy, severity: .error, rank: 8,
    title: .init(
      en: "The proxy refuses to open a tunnel to the registry",
      ja: "プロキシがレジストリへのトンネルを拒否しています"
    ),
    why: .init(
      en:
        "The proxy answers the CONNECT request for {host}:443 with an error instead of 200. Docker shows this as "
        + "login attempt failed with status: 403 Forbidden, although the registry itself never saw the request.",
      ja: "プロキシが {host}:443 への CONNECT 要求に対して、200 ではなくエラーを返しています。Docker では login attempt failed "
        + "with status: 403 Forbidden と表示されますが、レジストリ自体は要求を受け取っていません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Allow-list the registry endpoints at the proxy",
          ja: "プロキシでレジストリ エンドポイントを許可リストに登録する"
        ),
        steps: .init(
          en:
            "Ask the proxy administrators to allow CONNECT on port 443 to {loginServer} and to every data endpoint "
            + "(<registry-name>.<region>.data.azurecr.io, one per regional replica).",
          ja:
            "{loginServer} とすべてのデータ エンドポイント (<registry-name>.<region>.data.azurecr.io、リージョンのレプリカごと) への"
            + "ポート 443 の CONNECT を許可するよう、プロキシ管理者に依頼してください。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}",
          "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(en: "On 407, supply proxy credentials", ja: "407 の場合はプロキシの資格情報を指定する"),
        steps: .init(
          en:
            "407 Proxy Authentication Required means the proxy wants credentials: put them in the proxy URL "
            + "(http://user:password@proxy:port, percent-encoded) for the shell and the Docker daemon. Keep such files "
            + "readable by root only.",
          ja: "407 Proxy Authentication Required は、プロキシが資格情報を要求していることを示します。シェルと Docker デーモンの"
            + "プロキシ URL に資格情報を含めてください (http://user:password@proxy:port、パーセント エンコード)。"
            + "資格情報を含むファイルは root だけが読み取れるようにしてください。"
        ),
        commands: ["curl -v --max-time 10 -x '{proxy}' --proxy-user <user> https://{hostPort}/v2/"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    ProxyFailure.drafts(input, outcomes: [.denied], as: spec.id)
  }
}
