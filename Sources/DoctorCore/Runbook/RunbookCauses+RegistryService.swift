// The outcome of ours beyond the article's four causes: the network delivered the request, and the registry (or a
// gateway, load balancer or reverse proxy in front of it) failed by itself with 5xx.

extension CauseTexts {
  static let registryService = CauseSpec(
    id: .registryService,
    title: .init(
      en: "The registry, or a gateway in front of it, fails by itself",
      ja: "レジストリ、またはその前段のゲートウェイ自体がエラーを返している"
    ),
    advice: .init(
      en:
        "The connection and TLS work, and the answer is a server error (502, 503, 504): a gateway, load balancer "
        + "or reverse proxy in front of the registry could not reach it, or the registry itself is failing. Nothing "
        + "on this machine's network path is the cause. Check the registry's health and service status, and, for a "
        + "self-hosted registry, the gateway's upstream and the registry's logs; retry once the service recovers.",
      ja: "接続と TLS は成功し、応答がサーバー エラー (502、503、504) です。レジストリの前段にあるゲートウェイ、ロード "
        + "バランサー、またはリバース プロキシがレジストリに到達できないか、レジストリ自体が障害を起こしています。"
        + "このマシンのネットワーク経路は原因ではありません。レジストリの正常性とサービスの状態を確認し、セルフホストの"
        + "レジストリではゲートウェイのアップストリームとレジストリのログを確認して、サービスの回復後に再試行してください。"
    ),
    checks: [
      "curl -sv --max-time 10 -o /dev/null https://{loginServer}/v2/",
      "az acr check-health --name {registry} --ignore-errors --yes",
    ]
  )
}
