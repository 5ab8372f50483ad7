// Findings of cause C4: Azure services (Defender for Cloud, App Service, Container Instances, ACR Tasks) and a
// registry restricted by private endpoints, service endpoints or public IP access rules.

enum ServiceFindings {
  static let trustedServicesNotAllowed = FindingSpec(
    id: .trustedServicesNotAllowed, cause: .serviceIntegrationRestricted, severity: .error,
    title: .init(
      en: "The network-restricted registry does not allow trusted Azure services",
      ja: "ネットワークが制限されたレジストリで、信頼された Azure サービスが許可されていません"
    ),
    why: .init(
      en:
        "The registry limits network access and its networkRuleBypassOptions is None, so trusted services such as "
        + "ACR Tasks or Microsoft Defender for Cloud are refused even with a valid identity.",
      ja: "レジストリではネットワーク アクセスが制限されており、networkRuleBypassOptions が None であるため、ACR タスクや "
        + "Microsoft Defender for Cloud などの信頼されたサービスは、有効な ID を使用していても拒否されます。"
    ),
    remedies: [
      SharedRemedies.allowTrustedServices,
      RemedySpec(
        title: .init(
          en: "Give the service a managed identity with a role on the registry",
          ja: "サービスにレジストリのロールを持つマネージド ID を割り当てる"
        ),
        steps: .init(
          en:
            "Trusted-service access works only with a managed identity. For an ACR task, assign an identity to the "
            + "task and grant it AcrPull or AcrPush on the registry.",
          ja: "信頼されたサービスによるアクセスは、マネージド ID を使用する場合にのみ機能します。ACR タスクの場合は、タスクに ID を"
            + "割り当て、レジストリに対する AcrPull または AcrPush ロールを付与してください。"
        ),
        commands: [
          "az acr task identity assign --name <task-name> --registry {registry}",
          "az role assignment create --assignee <principal-id> --role AcrPush "
            + "--scope $(az acr show --name {registry} --query id -o tsv)",
        ],
        changesSomething: true
      ),
    ]
  )

  static let serviceCannotReachRestrictedRegistry = FindingSpec(
    id: .serviceCannotReachRestrictedRegistry, cause: .serviceIntegrationRestricted,
    severity: .error,
    title: .init(
      en: "An Azure service cannot use the network-restricted registry",
      ja: "Azure サービスがネットワークが制限されたレジストリを使用できません"
    ),
    why: .init(
      en:
        "Currently, access to a container registry with network restrictions isn't allowed from several Azure "
        + "services: Microsoft Defender for Cloud can't scan images in a registry restricted to private endpoints, "
        + "selected subnets, or IP addresses, and resources of Azure App Service and Azure Container Instances are "
        + "unable to access a network-restricted registry.",
      ja: "現時点では、ネットワークが制限されたコンテナー レジストリへのアクセスは、いくつかの Azure サービスでは許可されていません。"
        + "Microsoft Defender for Cloud では、プライベート エンドポイント、選択したサブネット、または IP アドレスへのアクセスを"
        + "制限するレジストリでイメージをスキャンできず、Azure App Service や Azure Container Instances のリソースは、"
        + "ネットワークが制限されたコンテナー レジストリにアクセスできません。"
    ),
    remedies: [
      SharedRemedies.allowTrustedServices,
      RemedySpec(
        title: .init(
          en: "Remove the network restriction where the integration is required",
          ja: "統合が必要な場合はネットワークの制限を解除する"
        ),
        steps: .init(
          en:
            "If access or integration of these Azure services with your container registry is required, remove the "
            + "network restriction: for example, remove the registry's private endpoints, or remove or modify the "
            + "registry's public access rules. Weigh this against your security requirements first.",
          ja: "コンテナー レジストリに対するこれらの Azure サービスのアクセスや統合が必要な場合は、ネットワークの制限を解除します。"
            + "たとえば、レジストリのプライベート エンドポイントを削除するか、レジストリのパブリック アクセス規則を削除または"
            + "変更します。事前にセキュリティ要件と照らし合わせて判断してください。"
        ),
        commands: [
          "az acr show --name {registry} --query \"[publicNetworkAccess, networkRuleSet.defaultAction]\" -o tsv",
          "az acr private-endpoint-connection list --registry-name {registry} -o table",
          "az acr update --name {registry} --public-network-enabled true --default-action Allow",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(
          en: "Or bring the service into the virtual network",
          ja: "またはサービスを仮想ネットワークに参加させる"
        ),
        steps: .init(
          en:
            "Some services can pull through a virtual network today: App Service with virtual network integration "
            + "and vnetImagePullEnabled, and ACR Tasks on a dedicated agent pool in the virtual network.",
          ja: "現在、一部のサービスは仮想ネットワーク経由でプルできます。仮想ネットワーク統合と vnetImagePullEnabled を構成した "
            + "App Service や、仮想ネットワーク内の専用エージェント プールで実行する ACR タスクです。"
        ),
        commands: [
          "az resource update --resource-group <rg> --name <app-name> --resource-type Microsoft.Web/sites "
            + "--set properties.vnetImagePullEnabled=true",
          "az acr agentpool create --registry {registry} --name <pool-name> --tier S1 --subnet-id <subnet-id>",
        ],
        changesSomething: true
      ),
    ]
  )
}
