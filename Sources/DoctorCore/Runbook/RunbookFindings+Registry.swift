// Findings on the registry's side of a working path: its public access rules (cause C2), an authentication
// problem that only looks like a network one, and the all-clear.

enum RegistryFindings {
  static let registryFirewallDeniesClientIP = FindingSpec(
    id: .registryFirewallDeniesClientIP, cause: .registryPublicAccessRules, severity: .error,
    title: .init(
      en: "The registry's firewall does not allow this client's IP address",
      ja: "レジストリのファイアウォールでこのクライアントの IP アドレスが許可されていません"
    ),
    why: .init(
      en:
        "The registry answers 403 DENIED: client with IP '{clientIP}' is not allowed access. The registry limits "
        + "public access to selected networks or IP addresses, and the address it sees for this client (often the "
        + "proxy's or NAT gateway's public IP) is not among them.",
      ja: "レジストリが 403 DENIED: client with IP '{clientIP}' is not allowed access を返しています。レジストリでは"
        + "パブリック アクセスが選択したネットワークまたは IP アドレスに制限されており、レジストリから見たこのクライアントの"
        + "アドレス (多くの場合、プロキシまたは NAT ゲートウェイのパブリック IP) が含まれていません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Add the client's IP address to the registry's network rules",
          ja: "クライアントの IP アドレスをレジストリのネットワーク規則に追加する"
        ),
        steps: .init(
          en:
            "Allow the address the registry reported, {clientIP}. For a range, use CIDR notation (for example "
            + "203.0.113.0/24). Changes can take a few minutes to apply.",
          ja: "レジストリが報告したアドレス {clientIP} を許可します。範囲を指定する場合は CIDR 表記 (例: 203.0.113.0/24) を"
            + "使用します。変更が反映されるまで数分かかる場合があります。"
        ),
        commands: ["az acr network-rule add --name {registry} --ip-address {clientIP}"],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Review the current rules", ja: "現在の規則を確認する"),
        steps: .init(
          en:
            "Check the default action and the allowed IP ranges; if the client's address changes (dynamic NAT), "
            + "allow the whole egress range instead of a single address.",
          ja: "既定のアクションと許可されている IP 範囲を確認します。クライアントのアドレスが変わる場合 (動的 NAT) は、"
            + "単一のアドレスではなくエグレスの範囲全体を許可してください。"
        ),
        commands: [
          "az acr network-rule list --name {registry} --query ipRules -o table",
          "az acr show --name {registry} --query networkRuleSet.defaultAction -o tsv",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or reach the registry through a private endpoint",
          ja: "またはプライベート エンドポイント経由でレジストリにアクセスする"
        ),
        steps: .init(
          en:
            "Clients in (or connected to) an Azure virtual network can use a Private Link private endpoint instead; "
            + "IP network rules don't apply to the registry's private endpoints.",
          ja: "Azure 仮想ネットワーク内 (または接続されたネットワーク) のクライアントは、代わりに Private Link のプライベート "
            + "エンドポイントを使用できます。IP ネットワーク規則は、レジストリのプライベート エンドポイントには適用されません。"
        ),
        commands: [
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az network private-endpoint create --resource-group <rg> --name <pe-name> --vnet-name <vnet> "
            + "--subnet <subnet> --private-connection-resource-id $(az acr show --name {registry} --query id -o tsv) "
            + "--group-ids registry --connection-name <connection-name>",
        ],
        changesSomething: true
      ),
    ]
  )

  static let publicNetworkAccessDisabled = FindingSpec(
    id: .publicNetworkAccessDisabled, cause: .registryPublicAccessRules, severity: .error,
    title: .init(
      en: "The registry disables public network access",
      ja: "レジストリのパブリック ネットワーク アクセスが無効になっています"
    ),
    why: .init(
      en:
        "The registry accepts connections only through its private endpoints, and this client reaches it over the "
        + "public endpoint. If the registry uses a service endpoint, disabling public network access also disables "
        + "access over the service endpoint.",
      ja: "レジストリはプライベート エンドポイント経由の接続のみを受け付けていますが、このクライアントはパブリック エンドポイント経由で"
        + "アクセスしています。レジストリがサービス エンドポイントを使用している場合、パブリック ネットワーク アクセスを無効にすると、"
        + "サービス エンドポイント経由のアクセスも無効になります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Use the private endpoint from inside the virtual network",
          ja: "仮想ネットワーク内からプライベート エンドポイントを使用する"
        ),
        steps: .init(
          en:
            "Run the client in the virtual network (or a connected network) and make sure {loginServer} resolves to "
            + "the private endpoint's address there.",
          ja: "クライアントを仮想ネットワーク (または接続されたネットワーク) 内で実行し、そこで {loginServer} がプライベート "
            + "エンドポイントのアドレスに解決されることを確認してください。"
        ),
        commands: [
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az acr check-health --name {registry} --vnet <vnet-name-or-id> --ignore-errors --yes",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or enable public network access, limited to selected IP addresses",
          ja: "またはパブリック ネットワーク アクセスを有効にし、選択した IP アドレスに制限する"
        ),
        steps: .init(
          en:
            "Enable public access only if your security policy allows it, and restrict it to the client's address "
            + "with a network rule with default action Deny.",
          ja: "パブリック アクセスはセキュリティ ポリシーで許可されている場合にのみ有効にし、既定のアクションを Deny にした"
            + "ネットワーク規則でクライアントのアドレスに制限してください。"
        ),
        commands: [
          "az acr show --name {registry} --query publicNetworkAccess -o tsv",
          "az acr update --name {registry} --public-network-enabled true --default-action Deny",
          "az acr network-rule add --name {registry} --ip-address {clientIP}",
        ],
        changesSomething: true
      ),
    ]
  )

  static let networkOKCheckAuthentication = FindingSpec(
    id: .networkOKCheckAuthentication, cause: .registryAuth, severity: .info,
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

  static let noNetworkProblem = FindingSpec(
    id: .noNetworkProblem, cause: .none, severity: .info,
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
}
