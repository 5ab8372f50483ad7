// service-cannot-reach-restricted-registry (C4): the symptom involves a service (Defender, App Service, ACI,
// Tasks) that cannot use a network-restricted registry. Observed by AzureProbe, or without az by DNS and HTTP.

enum ServiceCannotReachRestrictedRegistry: FindingRule {
  static let spec = FindingSpec(
    id: .serviceCannotReachRestrictedRegistry, cause: .serviceIntegrationRestricted, severity: .error,
    rank: FindingRank(25, lessLikely: 26),
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

  static let reads: Set<FactKind> = [.azure, .symptoms, .dns, .http]

  /// The symptom involves a service (Defender, App Service, ACI, Tasks) that cannot use a restricted registry.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    let symptoms = view.symptoms(among: [.s10, .s4, .s9])
    guard !symptoms.isEmpty else { return [] }
    guard let (azureProbe, facts) = view.azureOK else { return restrictedAsSeenFromHere(view, symptoms) }
    guard facts.isNetworkRestricted else { return [] }
    var evidence = AzureView.restrictionLines(facts) + symptoms.map(AzureView.symptomLine)
    if let bypass = facts.networkRuleBypassOptions {
      evidence.append("\(AzureView.source(facts)): networkRuleBypassOptions=\(bypass)")
    }
    return [FindingDraft(id: spec.id, evidence: evidence, probeIDs: [azureProbe.id], vars: view.vars)]
  }

  /// Without az, the wire still shows a restricted registry: a Private Link name, or the registry's own 403. Less
  /// sure than az's own words.
  static func restrictedAsSeenFromHere(_ view: AzureView, _ symptoms: [SymptomID]) -> [FindingDraft] {
    var evidence: [String] = []
    var probeIDs: [ProbeID] = []
    if let (p, dns) = view.loginServerDNS, dns.viaPrivateLink {
      evidence.append(
        "\(p.id): the login server has a private endpoint (\(dns.wire?.chainText ?? "privatelink CNAME"))")
      probeIDs.append(p.id)
    }
    if let denial = view.denial {
      evidence.append("\(denial.probe.id): the registry refuses clients by IP (403)")
      probeIDs.append(denial.probe.id)
    }
    guard !evidence.isEmpty else { return [] }
    evidence += symptoms.map(AzureView.symptomLine)
    return [
      FindingDraft(id: spec.id, evidence: evidence, probeIDs: probeIDs, vars: view.vars, likelihood: .lessLikely)
    ]
  }

  /// Only with a symptom from an Azure service; then only facts of the path the client takes count.
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    !AzureView(input).symptoms(among: [.s10, .s4, .s9]).isEmpty && !relevant(input, pending).isEmpty
  }
}
