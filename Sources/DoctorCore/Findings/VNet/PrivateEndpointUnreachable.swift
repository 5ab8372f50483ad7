// private-endpoint-unreachable (C3): the registry resolves to a private endpoint address that does not answer
// (NSG, peering, routes). Observed by TCPProbe on the addresses DNSFactsProbe gave.

enum PrivateEndpointUnreachable: FindingRule {
  static let spec = FindingSpec(
    id: .privateEndpointUnreachable, cause: .vnetPrivateEndpointConfig, severity: .error, rank: 20,
    title: .init(
      en: "The registry's private endpoint does not answer",
      ja: "レジストリのプライベート エンドポイントが応答しません"
    ),
    why: .init(
      en:
        "{host} resolves to the private address {address}, but connections to it on port 443 fail: an NSG rule, "
        + "a missing or non-transitive peering, a route (for example through a firewall appliance) or a private "
        + "endpoint connection that is not approved blocks the way. This is the error host is not reachable.",
      ja: "{host} はプライベート アドレス {address} に解決されますが、ポート 443 への接続が失敗します。NSG ルール、"
        + "ピアリングの欠如または非推移性、ルート (ファイアウォール アプライアンス経由など)、または承認されていないプライベート "
        + "エンドポイント接続が経路を妨げています。これが host is not reachable エラーです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Check the route and NSG rules from the client's network interface",
          ja: "クライアントのネットワーク インターフェイスからのルートと NSG ルールを確認する"
        ),
        steps: .init(
          en:
            "The effective routes must send {address} into the virtual network (or through a firewall that allows "
            + "it), and the effective NSG rules must allow TCP 443 to it. Review the NSG rules and service tags used "
            + "to limit traffic to the registry.",
          ja: "有効なルートで {address} が仮想ネットワーク内に (または許可するファイアウォール経由で) 送られ、有効な NSG ルールで"
            + "そのアドレスへの TCP 443 が許可されている必要があります。レジストリへのトラフィックを制限するために使用される "
            + "NSG ルールとサービス タグを確認してください。"
        ),
        commands: [
          "nc -vz -w 5 {address} 443",
          "az network nic show-effective-route-table --resource-group <rg> --name <nic-name> -o table",
          "az network nic list-effective-nsg --resource-group <rg> --name <nic-name>",
          "az network nsg rule list --resource-group <rg> --nsg-name <nsg> --include-default -o table",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check peering between the networks", ja: "ネットワーク間のピアリングを確認する"),
        steps: .init(
          en:
            "A client in another virtual network needs a peering in the Connected state in both directions; "
            + "peering is not transitive, so spoke-to-spoke traffic needs a hub that routes it.",
          ja: "別の仮想ネットワーク内のクライアントには、双方向で Connected 状態のピアリングが必要です。ピアリングは推移的ではないため、"
            + "スポーク間のトラフィックにはルーティングを行うハブが必要です。"
        ),
        commands: ["az network vnet peering list --resource-group <rg> --vnet-name <vnet> -o table"]
      ),
      RemedySpec(
        title: .init(
          en: "Confirm the private endpoint connection is approved",
          ja: "プライベート エンドポイント接続が承認されていることを確認する"
        ),
        steps: .init(
          en:
            "A connection in the Pending or Rejected state does not carry traffic; approve it on the registry.",
          ja: "Pending または Rejected 状態の接続ではトラフィックが流れません。レジストリ側で承認してください。"
        ),
        commands: [
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az acr private-endpoint-connection approve --registry-name {registry} --name <connection-name>",
        ],
        changesSomething: true
      ),
    ]
  )

  static let reads: Set<FactKind> = [.dns, .tcp, .proxy]

  /// Nothing connects on the direct path, and the endpoint is private (a privatelink name, or private addresses).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      let v = input.view(e)
      guard e.role != .dataEndpoint, v.directPathFails, v.looksPrivate(input.registry) else { return nil }
      return FindingDraft(id: spec.id, evidence: Evidence.connects(v), probeIDs: v.ids, vars: v.addressVars)
    }
  }

  /// Facts of a direct path the client does not take (it goes through its proxy) cannot change this.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !relevant(input, pending).isEmpty
  }
}
