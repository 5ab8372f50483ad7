// proxy-connection-closed (C1): the proxy closes the connection instead of answering CONNECT; Go prints
// `proxyconnect tcp: EOF`. Observed by ProxyTunnel (DoctorProbes/Net) as ProxyFacts.outcome == .closed.

enum ProxyConnectionClosed: FindingRule {
  static let spec = FindingSpec(
    id: .proxyConnectionClosed, cause: .clientFirewallOrProxy, severity: .error, rank: 8,
    title: .init(
      en: "The proxy closes the connection (proxyconnect tcp: EOF)",
      ja: "プロキシが接続を閉じています (proxyconnect tcp: EOF)"
    ),
    why: .init(
      en:
        "The proxy accepts the TCP connection and then closes it without an answer to CONNECT. Go clients such as "
        + "Docker report Get <registry>: proxyconnect tcp: EOF. Typical reasons: the wrong port or scheme for the "
        + "proxy, or a policy that drops the tunnel.",
      ja: "プロキシは TCP 接続を受け付けた後、CONNECT に応答せずに接続を閉じています。Docker などの Go クライアントは "
        + "Get <registry>: proxyconnect tcp: EOF と報告します。一般的な原因は、プロキシのポートまたはスキームの誤り、"
        + "またはトンネルを切断するポリシーです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Reproduce with curl and check the proxy URL", ja: "curl で再現し、プロキシ URL を確認する"),
        steps: .init(
          en:
            "Confirm the proxy URL's scheme and port: most proxies expect http:// even for HTTPS traffic. Then ask "
            + "the proxy administrators why the tunnel to {host} is closed.",
          ja: "プロキシ URL のスキームとポートを確認します。ほとんどのプロキシは、HTTPS トラフィックでも http:// を想定しています。"
            + "そのうえで、{host} へのトンネルが閉じられる理由をプロキシ管理者に確認してください。"
        ),
        commands: ["env | grep -i _proxy", "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/"]
      ),
      RemedySpec(
        title: .init(
          en: "Allow the registry endpoints at the proxy",
          ja: "プロキシでレジストリ エンドポイントを許可する"
        ),
        steps: .init(
          en:
            "Allow CONNECT on port 443 to {loginServer} and every data endpoint; then retry docker login.",
          ja: "{loginServer} とすべてのデータ エンドポイントへのポート 443 の CONNECT を許可し、docker login を再試行してください。"
        ),
        commands: ["az acr show-endpoints --name {registry}", "docker login {loginServer}"]
      ),
    ]
  )

  static let reads: Set<FactKind> = [.proxy]

  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    ProxyFailure.drafts(input, outcomes: [.closed], as: spec.id)
  }
}
