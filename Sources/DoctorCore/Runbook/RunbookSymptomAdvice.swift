// Advice for the symptoms that happen on the Azure side (S4, S6…S10): no packet from this machine can show why
// AKS, the portal, ACR Tasks or Defender fail, so the runbook hands over the commands that answer the question.

extension Runbook {
  /// The commands that answer an Azure-side symptom, ranked; empty for S1…S3, S5 and S11, which the probes
  /// of this machine diagnose.
  public static func symptomAdvice(_ id: SymptomID) -> [RemedySpec] {
    switch id {
    case .s4:
      return [
        SymptomAdvice.aksPull, SharedRemedies.aksCheckACR, SharedRemedies.checkHealthVNet,
        SymptomAdvice.azureFirewallEgress, SharedRemedies.loginEventsQuery,
      ]
    case .s6, .s8:
      return [
        SharedRemedies.registerResourceProvider, SymptomAdvice.networkSettingsPrerequisites,
        SharedRemedies.loginEventsQuery,
      ]
    case .s7:
      return [
        SymptomAdvice.portalOutsideAllowedNetwork, SharedRemedies.checkHealth,
        SharedRemedies.loginEventsQuery,
      ]
    case .s9:
      return [
        SymptomAdvice.tasksRestrictedRegistry, SharedRemedies.allowTrustedServices,
        SharedRemedies.loginEventsQuery,
      ]
    case .s10:
      return [
        SymptomAdvice.defenderRestrictedRegistry, SharedRemedies.allowTrustedServices,
        SharedRemedies.loginEventsQuery,
      ]
    case .s1, .s2, .s3, .s5, .s11: return []
    }
  }
}

enum SymptomAdvice {
  static let aksPull = RemedySpec(
    title: .init(
      en: "Read the pull error the cluster reports",
      ja: "クラスターが報告するプル エラーを確認する"
    ),
    steps: .init(
      en:
        "The kubelet's event names the failing step: \"dial tcp: lookup\" points to DNS, \"i/o timeout\" to egress "
        + "rules, \"403 Forbidden\" to registry network rules, \"401 Unauthorized\" to the cluster's identity.",
      ja: "kubelet のイベントには失敗した段階が示されます。\"dial tcp: lookup\" は DNS、\"i/o timeout\" はエグレス規則、"
        + "\"403 Forbidden\" はレジストリのネットワーク規則、\"401 Unauthorized\" はクラスターの ID の問題を示します。"
    ),
    commands: [
      "kubectl get events --all-namespaces --field-selector reason=Failed --sort-by=.lastTimestamp",
      "kubectl describe pod <pod-name> --namespace <namespace>",
    ]
  )

  static let azureFirewallEgress = RemedySpec(
    title: .init(
      en: "Allow egress from the cluster to the registry endpoints",
      ja: "クラスターからレジストリ エンドポイントへのエグレスを許可する"
    ),
    steps: .init(
      en:
        "If Azure Firewall or a similar solution is configured in the network, ensure that egress traffic from "
        + "other resources such as an AKS cluster is enabled to reach the registry endpoints: {loginServer} and "
        + "every data endpoint (one per regional replica), for example with the AzureContainerRegistry service tag. "
        + "Also review the NSG rules and service tags that restrict traffic from other resources in the network.",
      ja: "Azure Firewall または同様のソリューションがネットワークに構成されている場合は、AKS クラスターなどの他のリソースからの"
        + "エグレス トラフィックが、レジストリ エンドポイント ({loginServer} およびリージョンのレプリカごとのデータ エンドポイント) に"
        + "到達できるようになっていることを確認します (AzureContainerRegistry サービス タグの利用など)。"
        + "ネットワーク内の他のリソースからのトラフィックを制限する NSG ルールとサービス タグも確認してください。"
    ),
    commands: [
      "az acr show-endpoints --name {registry}",
      "az network nsg rule list --resource-group <rg> --nsg-name <nsg> --include-default -o table",
    ]
  )

  static let networkSettingsPrerequisites = RemedySpec(
    title: .init(
      en: "Check the prerequisites for network rules",
      ja: "ネットワーク規則の前提条件を確認する"
    ),
    steps: .init(
      en:
        "Network rules, private endpoints and service endpoints need the Premium service tier. A service endpoint "
        + "also needs the subnet to have the Microsoft.ContainerRegistry service endpoint and a network rule on the "
        + "registry that allows that subnet. Azure Bastion endpoints are currently not supported.",
      ja: "ネットワーク規則、プライベート エンドポイント、サービス エンドポイントには Premium サービス レベルが必要です。"
        + "サービス エンドポイントを使用する場合は、サブネットに Microsoft.ContainerRegistry サービス エンドポイントが構成され、"
        + "そのサブネットからのアクセスを許可するネットワーク規則がレジストリに追加されている必要があります。"
        + "現在、Azure Bastion エンドポイントはサポートされていません。"
    ),
    commands: [
      "az acr show --name {registry} --query sku.name -o tsv",
      "az acr show --name {registry} --query networkRuleSet",
      "az network vnet subnet show --resource-group <rg> --vnet-name <vnet> --name <subnet> "
        + "--query serviceEndpoints",
    ]
  )

  static let portalOutsideAllowedNetwork = RemedySpec(
    title: .init(
      en: "Reach the registry's data from an allowed network",
      ja: "許可されたネットワークからレジストリのデータにアクセスする"
    ),
    steps: .init(
      en:
        "The portal's repository views and commands such as az acr repository list call the registry itself, "
        + "so the registry's network rules apply to your browser or shell. Check whether public network access is "
        + "disabled or limited to selected IP addresses, then add your client IP address or work from a machine in "
        + "the virtual network.",
      ja: "Azure portal のリポジトリ表示や az acr repository list などのコマンドはレジストリ自体を呼び出すため、"
        + "ブラウザーやシェルにもレジストリのネットワーク規則が適用されます。パブリック ネットワーク アクセスが無効になっていないか、"
        + "選択した IP アドレスに制限されていないかを確認し、クライアントの IP アドレスを追加するか、"
        + "仮想ネットワーク内のマシンから操作してください。"
    ),
    commands: [
      "az acr show --name {registry} --query publicNetworkAccess -o tsv",
      "az acr network-rule list --name {registry} --query ipRules -o table",
      "az acr repository list --name {registry} -o table",
    ]
  )

  static let tasksRestrictedRegistry = RemedySpec(
    title: .init(
      en: "Find out how ACR Tasks reach the network-restricted registry",
      ja: "ACR タスクがネットワーク制限付きレジストリにアクセスする方法を確認する"
    ),
    steps: .init(
      en:
        "Read the failing run's log first. ACR Tasks run outside your virtual network: they can reach a "
        + "network-restricted registry only as a trusted service (with a managed identity) or from a dedicated "
        + "agent pool deployed into the virtual network.",
      ja: "まず失敗した実行のログを確認します。ACR タスクは仮想ネットワークの外部で実行されるため、ネットワーク制限付きレジストリには、"
        + "信頼されたサービスとして (マネージド ID を使用して) アクセスするか、仮想ネットワークにデプロイした専用エージェント プールから"
        + "アクセスする必要があります。"
    ),
    commands: [
      "az acr task list-runs --registry {registry} --top 10 -o table",
      "az acr task logs --registry {registry} --run-id <run-id>",
      "az acr agentpool list --registry {registry} -o table",
    ]
  )

  static let defenderRestrictedRegistry = RemedySpec(
    title: .init(
      en: "Check whether the registry's network restriction blocks Microsoft Defender for Cloud",
      ja: "レジストリのネットワーク制限が Microsoft Defender for Cloud をブロックしていないか確認する"
    ),
    steps: .init(
      en:
        "Microsoft Defender for Cloud can't perform image vulnerability scanning in a registry that restricts "
        + "access to private endpoints, selected subnets, or IP addresses, unless the registry allows trusted "
        + "services. If integration is required, allow trusted services or remove the network restriction.",
      ja: "Microsoft Defender for Cloud では、プライベート エンドポイント、選択したサブネット、または IP アドレスへのアクセスを"
        + "制限するレジストリでイメージの脆弱性のスキャンを実行することはできません (信頼されたサービスを許可している場合を除く)。"
        + "統合が必要な場合は、信頼されたサービスを許可するか、ネットワークの制限を解除してください。"
    ),
    commands: [
      "az acr show --name {registry} --query \"[publicNetworkAccess, networkRuleBypassOptions]\" -o tsv",
      "az acr private-endpoint-connection list --registry-name {registry} -o table",
    ]
  )
}
