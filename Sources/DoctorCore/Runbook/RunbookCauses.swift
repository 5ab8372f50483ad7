// The article's causes C1…C4 with its solution paragraphs R1…R4 in full, and the two outcomes of ours
// (authentication, no problem). The Japanese is the article's own wording wherever it has one.

enum CauseTexts {
  static let clientFirewallOrProxy = CauseSpec(
    id: .clientFirewallOrProxy,
    title: .init(
      en: "A client firewall or proxy prevents access",
      ja: "クライアントのファイアウォールまたはプロキシによってアクセスが妨げられている"
    ),
    advice: .init(
      en:
        "Configure client firewall access. To access a registry from behind a client firewall or proxy server, "
        + "configure firewall rules to access the registry's public REST and data endpoints. If dedicated data "
        + "endpoints are enabled, you need rules to access: the REST endpoint <registryname>.azurecr.io and the data "
        + "endpoint <registry-name>.<region>.data.azurecr.io. For a geo-replicated registry, configure access to the "
        + "data endpoint of each regional replica. Behind an HTTPS proxy, ensure that both the Docker client and the "
        + "Docker daemon are configured for proxy behavior. If you change the proxy settings of the Docker daemon, "
        + "be sure to restart the daemon. Resource logs for the registry in the ContainerRegistryLoginEvents table "
        + "can help diagnose a blocked connection attempt.",
      ja: "クライアント ファイアウォール アクセスを構成します。クライアント ファイアウォールまたはプロキシ サーバーの背後から"
        + "レジストリにアクセスするには、レジストリのパブリック REST エンドポイントおよびデータ エンドポイントにアクセスするように"
        + "ファイアウォール規則を構成します。専用データ エンドポイントが有効になっている場合は、REST エンドポイント "
        + "<registryname>.azurecr.io とデータ エンドポイント <registry-name>.<region>.data.azurecr.io にアクセスするための"
        + "規則が必要です。geo レプリケートされたレジストリの場合は、リージョンのレプリカごとにデータ エンドポイントへのアクセスを"
        + "構成します。HTTPS プロキシの背後で、Docker クライアントと Docker デーモンの両方をプロキシの動作用に確実に構成します。"
        + "Docker デーモンのプロキシ設定を変更する場合は、必ずデーモンを再起動してください。"
        + "ContainerRegistryLoginEvents テーブルのレジストリ リソース ログは、ブロックされている接続試行の診断に役立ちます。"
    ),
    checks: [
      "az acr show-endpoints --name {registry}",
      "curl -sv --max-time 10 https://{loginServer}/v2/ -o /dev/null",
      "env | grep -i _proxy",
      "docker info | grep -i proxy",
    ]
  )

  static let registryPublicAccessRules = CauseSpec(
    id: .registryPublicAccessRules,
    title: .init(
      en: "The registry's public network access rules prevent access",
      ja: "レジストリのパブリック ネットワーク アクセス規則によってアクセスが妨げられている"
    ),
    advice: .init(
      en:
        "Configure public access to the registry. If you access a registry over the internet, confirm that the "
        + "registry allows public network access from your client. By default, an Azure container registry allows "
        + "access to the public registry endpoints from all networks. A registry can limit access to selected "
        + "networks or selected IP addresses. If the registry is configured for a virtual network with a service "
        + "endpoint, disabling public network access also disables access over the service endpoint. If the "
        + "registry is configured for a virtual network with Private Link, IP network rules don't apply to the "
        + "registry's private endpoints.",
      ja: "レジストリへのパブリック アクセスを構成します。インターネット経由でレジストリにアクセスしている場合は、"
        + "クライアントからのパブリック ネットワーク アクセスがレジストリで許可されていることを確認します。既定では、"
        + "Azure Container Registry によって、すべてのネットワークからのパブリック レジストリ エンドポイントへのアクセスが"
        + "許可されています。レジストリでは、選択したネットワークまたは選択した IP アドレスへのアクセスを制限することができます。"
        + "レジストリがサービス エンドポイントを持つ仮想ネットワーク用に構成されている場合、パブリック ネットワーク アクセスを"
        + "無効にすると、サービス エンドポイント経由のアクセスも無効になります。レジストリが Private Link を使用する"
        + "仮想ネットワーク用に構成されている場合、IP ネットワーク規則は、レジストリのプライベート エンドポイントには適用されません。"
    ),
    checks: [
      "az acr show --name {registry} --query publicNetworkAccess -o tsv",
      "az acr show --name {registry} --query networkRuleSet",
      "az acr network-rule list --name {registry} --query ipRules -o table",
    ]
  )

  static let vnetPrivateEndpointConfig = CauseSpec(
    id: .vnetPrivateEndpointConfig,
    title: .init(
      en: "Virtual network or private endpoint configuration prevents access",
      ja: "仮想ネットワークまたはプライベート エンドポイントの構成によってアクセスが妨げられている"
    ),
    advice: .init(
      en:
        "Configure VNet access. Confirm that the virtual network is configured with either a private endpoint "
        + "for Private Link or a service endpoint (preview). Currently an Azure Bastion endpoint isn't supported. "
        + "If a private endpoint is configured, confirm that DNS resolves the registry's public FQDN such as "
        + "myregistry.azurecr.io to the registry's private IP address: run az acr check-health with the --vnet "
        + "parameter to confirm the DNS routing to the private endpoint in the virtual network; use a network "
        + "utility such as dig or nslookup for DNS lookup; confirm that DNS records are configured for the registry "
        + "FQDN and for each of the data endpoint FQDNs. Review the NSG rules and service tags used to limit traffic "
        + "from other resources in the network to the registry. If a service endpoint to the registry is configured, "
        + "confirm that a network rule is added to the registry that allows access from that network subnet. The "
        + "service endpoint only supports access from virtual machines and AKS clusters in the network. If you want "
        + "to restrict registry access using a virtual network in a different Azure subscription, ensure that you "
        + "register the Microsoft.ContainerRegistry resource provider in that subscription. If Azure Firewall or a "
        + "similar solution is configured in the network, check that egress traffic from other resources such as an "
        + "AKS cluster is enabled to reach the registry endpoints.",
      ja: "VNet アクセスを構成します。Private Link のプライベート エンドポイントまたはサービス エンドポイント (プレビュー) の"
        + "いずれかを使用して、仮想ネットワークが構成されていることを確認します。現在、Azure Bastion エンドポイントは"
        + "サポートされていません。プライベート エンドポイントが構成されている場合は、DNS によってレジストリのパブリック FQDN "
        + "(myregistry.azurecr.io など) がレジストリのプライベート IP アドレスに解決されることを確認します。"
        + "--vnet パラメーターを指定して az acr check-health コマンドを実行し、仮想ネットワーク内のプライベート エンドポイントへの"
        + "DNS ルーティングを確認します。DNS の参照には dig や nslookup などのネットワーク ユーティリティを使用します。"
        + "レジストリの FQDN と各データ エンドポイントの FQDN 用に DNS レコードが構成されていることを確認します。"
        + "ネットワーク内の他のリソースからレジストリへのトラフィックを制限するために使用される NSG ルールとサービス タグを確認します。"
        + "レジストリへのサービス エンドポイントが構成されている場合は、そのネットワーク サブネットからのアクセスを許可する"
        + "ネットワーク規則がレジストリに追加されていることを確認します。サービス エンドポイントによって、ネットワーク内の"
        + "仮想マシンおよび AKS クラスターからのアクセスのみがサポートされます。別の Azure サブスクリプションの仮想ネットワークを"
        + "使用してレジストリ アクセスを制限する場合は、必ずそのサブスクリプションに Microsoft.ContainerRegistry "
        + "リソース プロバイダーを登録してください。Azure Firewall または同様のソリューションがネットワークに構成されている場合は、"
        + "AKS クラスターなどの他のリソースからのエグレス トラフィックが、レジストリ エンドポイントに到達できるようになっていることを"
        + "確認します。"
    ),
    checks: [
      "az acr check-health --name {registry} --vnet <vnet-name-or-id> --ignore-errors --yes",
      "dig +noall +answer {loginServer}",
      "nslookup {loginServer}",
      "az acr private-endpoint-connection list --registry-name {registry} -o table",
      "az network private-dns zone list -o table",
    ]
  )

  static let serviceIntegrationRestricted = CauseSpec(
    id: .serviceIntegrationRestricted,
    title: .init(
      en:
        "Microsoft Defender for Cloud or certain other Azure services are being integrated with a registry that "
        + "has a private endpoint, service endpoint, or public IP access rules",
      ja: "Microsoft Defender for Cloud または特定の他の Azure サービスをプライベート エンドポイント、サービス エンドポイント、"
        + "またはパブリック IP アクセス規則を持つレジストリと統合しようとしている"
    ),
    advice: .init(
      en:
        "Configure service access. Currently, access to a container registry with network restrictions isn't "
        + "allowed from several Azure services: Microsoft Defender for Cloud can't perform image vulnerability "
        + "scanning in a registry that restricts access to private endpoints, selected subnets, or IP addresses; "
        + "resources of certain Azure services, including Azure App Service and Azure Container Instances, are "
        + "unable to access a container registry with network restrictions. If access or integration of these Azure "
        + "services with your container registry is required, remove the network restriction. For example, remove "
        + "the registry's private endpoints, or remove or modify the registry's public access rules. Starting "
        + "January 2021, you can configure a network-restricted registry to allow access from select trusted services.",
      ja: "サービス アクセスを構成します。現時点では、ネットワークが制限されたコンテナー レジストリへのアクセスは、次のいくつかの "
        + "Azure サービスでは許可されていません。Microsoft Defender for Cloud では、プライベート エンドポイント、"
        + "選択したサブネット、または IP アドレスへのアクセスを制限するレジストリでイメージの脆弱性のスキャンを実行することは"
        + "できません。Azure App Service や Azure Container Instances を含む特定の Azure サービスのリソースは、"
        + "ネットワークが制限されたコンテナー レジストリにアクセスすることはできません。コンテナー レジストリに対するこれらの "
        + "Azure サービスのアクセスや統合が必要な場合は、ネットワークの制限を解除します。たとえば、レジストリのプライベート "
        + "エンドポイントを削除するか、レジストリのパブリック アクセス規則を削除または変更します。2021 年 1 月以降、"
        + "選択した信頼されたサービスからのアクセスを許可するように、ネットワーク制限付きレジストリを構成できます。"
    ),
    checks: [
      "az acr show --name {registry} --query networkRuleBypassOptions -o tsv",
      "az acr show --name {registry} --query publicNetworkAccess -o tsv",
      "az acr private-endpoint-connection list --registry-name {registry} -o table",
    ]
  )

  static let registryAuth = CauseSpec(
    id: .registryAuth,
    title: .init(
      en: "The network is fine: a registry authentication or authorization problem",
      ja: "ネットワークは正常: レジストリの認証または承認の問題"
    ),
    advice: .init(
      en:
        "Network connectivity symptoms can also occur when there's a problem with registry authentication or "
        + "authorization. The network path to the registry works and the registry asks for credentials as it should, "
        + "so check the identity, the credentials and the role assignments instead; see \"Troubleshoot registry "
        + "login\". If resource logs are enabled, the ContainerRegistryLoginEvents log shows each authentication "
        + "event with the incoming identity, IP address and status.",
      ja: "レジストリの認証または承認に問題がある場合にも、ネットワーク接続の現象が発生することがあります。"
        + "レジストリへのネットワーク経路は機能しており、レジストリは想定どおりに資格情報を要求しています。"
        + "ID、資格情報、ロールの割り当てを確認してください。「レジストリ ログインのトラブルシューティング」を参照してください。"
        + "リソース ログが有効になっている場合は、ContainerRegistryLoginEvents ログで、受信 ID、IP アドレス、状態を含む"
        + "各認証イベントを確認できます。"
    ),
    checks: [
      "az acr login --name {registry}",
      "docker login {loginServer}",
      "az acr check-health --name {registry} --ignore-errors --yes",
    ]
  )

  static let none = CauseSpec(
    id: .none,
    title: .init(
      en: "No network problem found",
      ja: "ネットワークの問題は見つかりませんでした"
    ),
    advice: .init(
      en:
        "Every check from this machine passed: name resolution, connection, TLS and the registry's answer. "
        + "If a push or pull still fails, the problem is likely authentication, or it happens elsewhere (an Azure "
        + "service such as AKS or ACR Tasks, or another machine). Run az acr check-health and, for AKS, "
        + "az aks check-acr.",
      ja: "このマシンからのすべてのチェック (名前解決、接続、TLS、レジストリの応答) に成功しました。"
        + "それでもプッシュまたはプルが失敗する場合は、認証の問題であるか、別の場所 (AKS や ACR タスクなどの Azure サービス、"
        + "または別のマシン) で問題が発生している可能性があります。az acr check-health を実行し、AKS の場合は "
        + "az aks check-acr も実行してください。"
    ),
    checks: [
      "az acr check-health --name {registry} --ignore-errors --yes",
      "az aks check-acr --resource-group <aks-resource-group> --name <aks-cluster> --acr {loginServer}",
    ]
  )
}
