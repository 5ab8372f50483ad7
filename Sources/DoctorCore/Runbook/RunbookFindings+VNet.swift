// Findings of cause C3: private endpoint DNS (the registry FQDN and EVERY data endpoint FQDN must resolve to private
// addresses), reachability of the private endpoint, and the resource provider of a VNet in another subscription.

enum VNetFindings {
  /// Shows the CNAME chain: <registry>.azurecr.io -> <registry>.privatelink.azurecr.io -> A record.
  static let inspectPrivateLinkChain = RemedySpec(
    title: .init(
      en: "Inspect the DNS answer for the privatelink CNAME",
      ja: "DNS の応答で privatelink の CNAME を確認する"
    ),
    steps: .init(
      en:
        "Inside the virtual network, {host} must resolve through a CNAME to a name in privatelink.azurecr.io and "
        + "from there to a private IP address of the private endpoint. Compare with the answer of Azure DNS "
        + "(168.63.129.16, reachable only from inside Azure) to see whether your DNS server is the one that differs.",
      ja: "仮想ネットワーク内では、{host} が CNAME を経由して privatelink.azurecr.io の名前に解決され、さらにプライベート "
        + "エンドポイントのプライベート IP アドレスに解決される必要があります。Azure DNS (168.63.129.16、Azure 内からのみ到達可能) の"
        + "応答と比較して、異なる結果を返しているのが使用中の DNS サーバーかどうかを確認してください。"
    ),
    commands: [
      "dig +noall +answer {host}", "nslookup {host}", "dig +noall +answer @168.63.129.16 {host}",
    ]
  )

  static let privateEndpointDNSPublicIP = FindingSpec(
    id: .privateEndpointDNSPublicIP, cause: .vnetPrivateEndpointConfig, severity: .error,
    title: .init(
      en: "The registry name resolves to a public IP address instead of the private endpoint",
      ja: "レジストリ名がプライベート エンドポイントではなくパブリック IP アドレスに解決されます"
    ),
    why: .init(
      en:
        "The privatelink CNAME is present, but this machine's DNS answers with the public address: the private DNS "
        + "zone privatelink.azurecr.io is not linked to the virtual network, or your DNS server does not forward to "
        + "Azure DNS. Traffic then goes to the public endpoint, where public access is usually denied.",
      ja: "privatelink の CNAME は存在しますが、このマシンの DNS はパブリック アドレスを返しています。プライベート DNS ゾーン "
        + "privatelink.azurecr.io が仮想ネットワークにリンクされていないか、DNS サーバーが Azure DNS に転送していません。"
        + "その結果、トラフィックはパブリック エンドポイントに送られ、通常はパブリック アクセスが拒否されます。"
    ),
    remedies: [
      inspectPrivateLinkChain,
      RemedySpec(
        title: .init(
          en: "Link the private DNS zone to the virtual network",
          ja: "プライベート DNS ゾーンを仮想ネットワークにリンクする"
        ),
        steps: .init(
          en:
            "The zone privatelink.azurecr.io must be linked to every virtual network whose clients use the "
            + "registry (including hub and spoke networks that do the resolving).",
          ja: "privatelink.azurecr.io ゾーンは、レジストリを使用するクライアントが存在するすべての仮想ネットワーク "
            + "(名前解決を行うハブ ネットワークやスポーク ネットワークを含む) にリンクする必要があります。"
        ),
        commands: [
          "az network private-dns zone list -o table",
          "az network private-dns link vnet list --resource-group <rg> --zone-name privatelink.azurecr.io -o table",
          "az network private-dns link vnet create --resource-group <rg> --zone-name privatelink.azurecr.io "
            + "--name <link-name> --virtual-network <vnet-id> --registration-enabled false",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(
          en: "Forward azurecr.io from your DNS server to Azure DNS",
          ja: "DNS サーバーから Azure DNS へ azurecr.io を転送する"
        ),
        steps: .init(
          en:
            "With custom DNS servers in Azure, add a conditional forwarder for azurecr.io to 168.63.129.16. "
            + "On-premises DNS servers cannot reach 168.63.129.16: forward to an Azure DNS Private Resolver inbound "
            + "endpoint (or a DNS forwarder VM) in the linked virtual network instead.",
          ja: "Azure 内でカスタム DNS サーバーを使用している場合は、azurecr.io の条件付きフォワーダーを 168.63.129.16 に追加します。"
            + "オンプレミスの DNS サーバーからは 168.63.129.16 に到達できないため、リンクされた仮想ネットワーク内の Azure DNS "
            + "Private Resolver の受信エンドポイント (または DNS フォワーダー VM) に転送してください。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf"]
      ),
      SharedRemedies.checkHealthVNet,
    ]
  )

  static let privateEndpointDNSMissingRecord = FindingSpec(
    id: .privateEndpointDNSMissingRecord, cause: .vnetPrivateEndpointConfig, severity: .error,
    title: .init(
      en: "The privatelink name of the registry has no DNS record",
      ja: "レジストリの privatelink 名に DNS レコードがありません"
    ),
    why: .init(
      en:
        "{host} points to a name in privatelink.azurecr.io, but the private DNS zone has no A record for it, so "
        + "the lookup fails. Confirm that DNS records are configured for the registry FQDN and each data "
        + "endpoint FQDN.",
      ja: "{host} は privatelink.azurecr.io の名前を指していますが、プライベート DNS ゾーンに対応する A レコードがないため、"
        + "参照に失敗します。レジストリの FQDN と各データ エンドポイントの FQDN 用に DNS レコードが構成されていることを確認します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Let the private endpoint manage its records with a DNS zone group",
          ja: "DNS ゾーン グループでプライベート エンドポイントにレコードを管理させる"
        ),
        steps: .init(
          en:
            "A DNS zone group makes Azure create and update the A records for the registry and every data "
            + "endpoint, also when replicas are added.",
          ja: "DNS ゾーン グループを使用すると、レプリカを追加したときも含め、レジストリとすべてのデータ エンドポイントの A レコードが"
            + "Azure によって作成および更新されます。"
        ),
        commands: [
          "az network private-dns record-set a list --resource-group <rg> --zone-name privatelink.azurecr.io -o table",
          "az network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe-name> "
            + "--name default --private-dns-zone privatelink.azurecr.io --zone-name privatelink.azurecr.io",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Or add the A record by hand", ja: "または A レコードを手動で追加する"),
        steps: .init(
          en:
            "Read the private IP addresses from the private endpoint's DNS configuration and add the record for "
            + "{registry} (and one per data endpoint, named <registry>.<region>.data).",
          ja: "プライベート エンドポイントの DNS 構成からプライベート IP アドレスを確認し、{registry} のレコード "
            + "(およびデータ エンドポイントごとに <registry>.<region>.data という名前のレコード) を追加します。"
        ),
        commands: [
          "az network private-endpoint show --resource-group <rg> --name <pe-name> --query customDnsConfigs",
          "az network private-dns record-set a add-record --resource-group <rg> --zone-name privatelink.azurecr.io "
            + "--record-set-name {registry} --ipv4-address <private-ip>",
        ],
        changesSomething: true
      ),
      SharedRemedies.checkHealthVNet,
    ]
  )

  static let privateEndpointUnreachable = FindingSpec(
    id: .privateEndpointUnreachable, cause: .vnetPrivateEndpointConfig, severity: .error,
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

  /// Shared by the two data-endpoint DNS findings: one private A record per data endpoint (per replica).
  static let dataEndpointRecord = RemedySpec(
    title: .init(
      en: "Add a private DNS record for every data endpoint",
      ja: "すべてのデータ エンドポイントにプライベート DNS レコードを追加する"
    ),
    steps: .init(
      en:
        "Each data endpoint, such as {dataEndpoint}, needs its own A record in privatelink.azurecr.io "
        + "(<registry>.<region>.data) pointing to the private endpoint's address for that region. Adding a "
        + "geo-replica adds a data endpoint; a DNS zone group on the private endpoint keeps the records in sync.",
      ja: "{dataEndpoint} などの各データ エンドポイントには、privatelink.azurecr.io 内に、そのリージョンのプライベート "
        + "エンドポイントのアドレスを指す独自の A レコード (<registry>.<region>.data) が必要です。geo レプリカを追加すると"
        + "データ エンドポイントも追加されます。プライベート エンドポイントの DNS ゾーン グループを使用すると、レコードが同期されます。"
    ),
    commands: [
      "az acr show-endpoints --name {registry}",
      "dig +noall +answer {dataEndpoint}",
      "az network private-dns record-set a list --resource-group <rg> --zone-name privatelink.azurecr.io -o table",
      "az network private-dns record-set a add-record --resource-group <rg> --zone-name privatelink.azurecr.io "
        + "--record-set-name {registry}.{region}.data --ipv4-address <private-ip>",
    ],
    changesSomething: true
  )

  static let dataEndpointDNSFailure = FindingSpec(
    id: .dataEndpointDNSFailure, cause: .vnetPrivateEndpointConfig, severity: .error,
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
    remedies: [dataEndpointRecord, SharedRemedies.checkHealthVNet]
  )

  static let dataEndpointDNSNotPrivate = FindingSpec(
    id: .dataEndpointDNSNotPrivate, cause: .vnetPrivateEndpointConfig, severity: .error,
    title: .init(
      en: "The login server is private but a data endpoint resolves to a public address",
      ja: "ログイン サーバーはプライベートですが、データ エンドポイントがパブリック アドレスに解決されます"
    ),
    why: .init(
      en:
        "{loginServer} resolves to the private endpoint, but {dataEndpoint} resolves to a public IP, so layer "
        + "downloads leave the virtual network and are blocked by the registry's public access rules or the firewall.",
      ja: "{loginServer} はプライベート エンドポイントに解決されますが、{dataEndpoint} はパブリック IP に解決されます。"
        + "そのため、レイヤーのダウンロードが仮想ネットワークの外に出て、レジストリのパブリック アクセス規則または"
        + "ファイアウォールによってブロックされます。"
    ),
    remedies: [dataEndpointRecord, inspectPrivateLinkChain, SharedRemedies.checkHealthVNet]
  )

  static let resourceProviderNotRegistered = FindingSpec(
    id: .resourceProviderNotRegistered, cause: .vnetPrivateEndpointConfig, severity: .error,
    title: .init(
      en: "Microsoft.ContainerRegistry is not registered in the virtual network's subscription",
      ja: "仮想ネットワークのサブスクリプションに Microsoft.ContainerRegistry が登録されていません"
    ),
    why: .init(
      en: "The virtual network used to restrict registry access is in a subscription where the "
        + "Microsoft.ContainerRegistry resource provider is not registered. Saving the network settings then fails "
        + "with Failed to save firewall and virtual network settings for container registry.",
      ja: "レジストリ アクセスの制限に使用する仮想ネットワークが、Microsoft.ContainerRegistry リソース プロバイダーが"
        + "登録されていないサブスクリプションにあります。このため、ネットワーク設定の保存時に Failed to save firewall and "
        + "virtual network settings for container registry エラーが発生します。"
    ),
    remedies: [SharedRemedies.registerResourceProvider]
  )
}
