// Remedies that several findings, symptoms and the further diagnosis share, written once: the article's checks
// (check-health, check-acr, the login events query), the Docker daemon's proxy (drop-in, daemon.json, verify),
// the Private Link records (inspect the chain, add a data endpoint's record).

enum SharedRemedies {
  /// The KQL the article's advanced troubleshooting asks for: failed authentications with identity and IP.
  static let loginEventsKQL =
    "ContainerRegistryLoginEvents | where TimeGenerated > ago(1d) | where ResultDescription != '200'"
    + " | project TimeGenerated, LoginServer, Identity, CallerIpAddress, ResultDescription | sort by TimeGenerated desc"

  static let checkHealth = RemedySpec(
    title: .init(
      en: "Check the health of the registry environment with az acr check-health",
      ja: "az acr check-health でレジストリ環境の正常性を確認する"
    ),
    steps: .init(
      en:
        "Run az acr check-health to get details about the health of the registry environment and, optionally, "
        + "access to the target registry; it diagnoses specific network connectivity and configuration problems. "
        + "If it reports an error, look up the recommended solution in its error reference "
        + "(\"Health check error reference\").",
      ja: "az acr check-health コマンドを実行して、レジストリ環境の正常性に関する詳細情報を取得し、必要に応じて"
        + "ターゲット レジストリにアクセスします。特定のネットワーク接続や構成の問題を診断できます。"
        + "エラーが報告された場合は、推奨される対処法についてエラー リファレンス (「正常性チェックのエラー リファレンス」) を"
        + "確認してください。"
    ),
    commands: [
      "az acr check-health --name {registry} --ignore-errors --yes",
      "az acr check-health --name {registry} --vnet <vnet-name-or-id> --ignore-errors --yes",
    ]
  )

  static let aksCheckACR = RemedySpec(
    title: .init(
      en: "Confirm that the AKS cluster can reach the registry with az aks check-acr",
      ja: "az aks check-acr で AKS クラスターがレジストリに到達できることを確認する"
    ),
    steps: .init(
      en:
        "If the problem occurs with Azure Kubernetes Service and an integrated registry, run az aks check-acr. "
        + "It runs from inside the cluster, so it tests the cluster's own DNS, egress and authorization to the "
        + "registry rather than this machine's.",
      ja: "Azure Kubernetes Service と統合レジストリを使用しているときに問題が発生する場合は、az aks check-acr コマンドを"
        + "実行して、AKS クラスターがレジストリに到達できることを確認します。このコマンドはクラスター内から実行されるため、"
        + "このマシンではなく、クラスター自身の DNS、エグレス、レジストリへの承認を確認できます。"
    ),
    commands: [
      "az aks check-acr --resource-group <aks-resource-group> --name <aks-cluster> --acr {loginServer}"
    ]
  )

  static let authenticationLooksLikeNetwork = RemedySpec(
    title: .init(
      en: "Rule out an authentication or authorization problem",
      ja: "認証または承認の問題ではないことを確認する"
    ),
    steps: .init(
      en:
        "Network connectivity symptoms can also appear when there is a problem with registry authentication "
        + "or authorization. Log in explicitly and read the exact error; see \"Troubleshoot registry login\" "
        + "for the login errors and their fixes.",
      ja: "レジストリの認証または承認に問題がある場合にも、ネットワーク接続の現象が発生することがあります。"
        + "明示的にログインし、表示されるエラーを正確に確認してください。ログイン エラーとその対処法については、"
        + "「レジストリ ログインのトラブルシューティング」を参照してください。"
    ),
    commands: [
      "az acr login --name {registry}",
      "docker login {loginServer}",
    ]
  )

  static let loginEventsQuery = RemedySpec(
    title: .init(
      en: "Query ContainerRegistryLoginEvents for authentication failures",
      ja: "ContainerRegistryLoginEvents で認証エラーのクエリを実行する"
    ),
    steps: .init(
      en:
        "If collection of resource logs is enabled for the registry, review the ContainerRegistryLoginEvents log. "
        + "It stores authentication events and status, including the incoming identity and IP address; query it "
        + "for registry authentication failures. Replace <workspace-guid> with the ID of the Log Analytics workspace "
        + "the registry's diagnostic setting sends to. The query is also usable as is in the portal's Logs blade: "
        + loginEventsKQL,
      ja: "レジストリでリソース ログの収集が有効になっている場合は、ContainerRegistryLoginEvents ログを確認します。"
        + "このログには、受信 ID や IP アドレスを含む、認証イベントと状態が格納されています。"
        + "ログでレジストリ認証エラーのクエリを実行してください。<workspace-guid> は、レジストリの診断設定の送信先である "
        + "Log Analytics ワークスペースの ID に置き換えます。このクエリは Azure portal の [ログ] でもそのまま使用できます: "
        + loginEventsKQL
    ),
    commands: [
      "az monitor diagnostic-settings list --resource $(az acr show --name {registry} --query id -o tsv) -o table",
      "az monitor log-analytics query --workspace <workspace-guid> --analytics-query \""
        + loginEventsKQL
        + "\" -o table",
    ]
  )

  static let checkHealthVNet = RemedySpec(
    title: .init(
      en: "Verify DNS routing to the private endpoint with az acr check-health --vnet",
      ja: "az acr check-health --vnet でプライベート エンドポイントへの DNS ルーティングを確認する"
    ),
    steps: .init(
      en:
        "Run az acr check-health with the --vnet parameter from a machine inside the virtual network to confirm "
        + "that DNS routes to the private endpoint in that network.",
      ja: "仮想ネットワーク内のマシンから --vnet パラメーターを指定して az acr check-health コマンドを実行し、"
        + "仮想ネットワーク内のプライベート エンドポイントへの DNS ルーティングを確認します。"
    ),
    commands: [
      "az acr check-health --name {registry} --vnet <vnet-name-or-id> --ignore-errors --yes"
    ]
  )

  static let registerResourceProvider = RemedySpec(
    title: .init(
      en:
        "Register the Microsoft.ContainerRegistry resource provider in the virtual network's subscription",
      ja: "仮想ネットワークのサブスクリプションに Microsoft.ContainerRegistry リソース プロバイダーを登録する"
    ),
    steps: .init(
      en:
        "When a virtual network in a different Azure subscription restricts access to the registry, register the "
        + "Microsoft.ContainerRegistry resource provider in that subscription (with the Azure portal, the Azure CLI "
        + "or other Azure tools). Registration takes a few minutes; wait until registrationState is Registered, "
        + "then save the network settings again.",
      ja: "別の Azure サブスクリプションの仮想ネットワークを使用してレジストリ アクセスを制限する場合は、必ずそのサブスクリプションに "
        + "Microsoft.ContainerRegistry リソース プロバイダーを登録してください (Azure portal、Azure CLI、またはその他の "
        + "Azure ツールを使用できます)。登録には数分かかります。registrationState が Registered になったことを確認してから、"
        + "ネットワーク設定をもう一度保存します。"
    ),
    commands: [
      "az provider show --namespace Microsoft.ContainerRegistry --subscription <vnet-subscription-id> "
        + "--query registrationState -o tsv",
      "az provider register --namespace Microsoft.ContainerRegistry --subscription <vnet-subscription-id>",
    ],
    changesSomething: true
  )

  static let allowTrustedServices = RemedySpec(
    title: .init(
      en: "Allow trusted Azure services to access the network-restricted registry",
      ja: "ネットワークが制限されたレジストリへの信頼されたサービスからのアクセスを許可する"
    ),
    steps: .init(
      en:
        "Since January 2021 a network-restricted registry can be configured to allow access from selected "
        + "trusted services (for example ACR Tasks and Microsoft Defender for Cloud). Check networkRuleBypassOptions: "
        + "AzureServices allows them, None denies them. The service must also authenticate with a managed identity "
        + "that has a role on the registry.",
      ja: "2021 年 1 月以降、選択した信頼されたサービス (ACR タスクや Microsoft Defender for Cloud など) からのアクセスを"
        + "許可するように、ネットワーク制限付きレジストリを構成できます。networkRuleBypassOptions を確認してください。"
        + "AzureServices の場合は許可され、None の場合は拒否されます。あわせて、サービスはレジストリのロールが割り当てられた"
        + "マネージド ID で認証する必要があります。"
    ),
    commands: [
      "az acr show --name {registry} --query networkRuleBypassOptions -o tsv",
      "az acr update --name {registry} --allow-trusted-services true",
    ],
    changesSomething: true
  )

  /// Shared by the two daemon-proxy findings: the systemd drop-in that gives dockerd its proxy.
  static let systemdDropIn = RemedySpec(
    title: .init(
      en: "Configure the Docker daemon's proxy with a systemd drop-in",
      ja: "systemd のドロップインで Docker デーモンのプロキシを構成する"
    ),
    steps: .init(
      en:
        "Docker pulls and pushes are made by the daemon, not by the docker command, so the daemon needs its own "
        + "proxy. Write /etc/systemd/system/docker.service.d/http-proxy.conf, replace *** with the real password if "
        + "the proxy needs one (write a literal % as %% in systemd files) and make the file readable by root only. "
        + "Be sure to restart the daemon after changing its proxy settings.",
      ja: "Docker のプルとプッシュは docker コマンドではなくデーモンが実行するため、デーモンにも個別にプロキシの設定が必要です。"
        + "/etc/systemd/system/docker.service.d/http-proxy.conf を作成し、プロキシにパスワードが必要な場合は *** を実際の"
        + "パスワードに置き換え (systemd のファイルでは % を %% と記述します)、root だけが読み取れるようにします。"
        + "Docker デーモンのプロキシ設定を変更する場合は、必ずデーモンを再起動してください。"
    ),
    commands: [
      "sudo mkdir -p /etc/systemd/system/docker.service.d",
      "printf '%s\\n' '[Service]' 'Environment=\"HTTPS_PROXY={proxy}\"' 'Environment=\"HTTP_PROXY={proxy}\"' "
        + "'Environment=\"NO_PROXY=localhost,127.0.0.1\"'"
        + " | sudo tee /etc/systemd/system/docker.service.d/http-proxy.conf",
      "sudo chmod 600 /etc/systemd/system/docker.service.d/http-proxy.conf",
      "sudo systemctl daemon-reload && sudo systemctl restart docker",
    ],
    changesSomething: true
  )

  static let daemonJSONProxies = RemedySpec(
    title: .init(
      en: "Or set proxies in /etc/docker/daemon.json (Docker Engine 23.0 or later)",
      ja: "または /etc/docker/daemon.json で proxies を設定する (Docker Engine 23.0 以降)"
    ),
    steps: .init(
      en: "Add the key to the existing JSON object, keeping the other keys: "
        + "\"proxies\": {\"http-proxy\": \"{proxy}\", \"https-proxy\": \"{proxy}\", "
        + "\"no-proxy\": \"localhost,127.0.0.1\"}. Settings in daemon.json override the systemd environment. "
        + "Restart the daemon afterwards.",
      ja: "既存の JSON オブジェクトに、他のキーを残したまま次のキーを追加します: "
        + "\"proxies\": {\"http-proxy\": \"{proxy}\", \"https-proxy\": \"{proxy}\", "
        + "\"no-proxy\": \"localhost,127.0.0.1\"}。daemon.json の設定は systemd の環境変数より優先されます。"
        + "変更後はデーモンを再起動してください。"
    ),
    commands: [
      "docker version --format '{{.Server.Version}}'",
      "sudoedit /etc/docker/daemon.json",
      "sudo systemctl restart docker",
    ],
    changesSomething: true
  )

  static let verifyDaemonProxy = RemedySpec(
    title: .init(en: "Verify the proxy the daemon uses", ja: "デーモンが使用するプロキシを確認する"),
    steps: .init(
      en:
        "docker info shows the HTTP Proxy, HTTPS Proxy and No Proxy the running daemon uses; they must match "
        + "the values that work from the shell.",
      ja: "docker info には、実行中のデーモンが使用する HTTP Proxy、HTTPS Proxy、No Proxy が表示されます。"
        + "これらはシェルから正常に動作する値と一致している必要があります。"
    ),
    commands: ["docker info | grep -i proxy", "env | grep -i _proxy"]
  )

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
}
