// trusted-services-not-allowed (C4): a network-restricted registry refuses even trusted Azure services
// (networkRuleBypassOptions=None), and a symptom comes from one. Observed by AzureProbe (az acr show).

enum TrustedServicesNotAllowed: FindingRule {
  static let spec = FindingSpec(
    id: .trustedServicesNotAllowed, cause: .serviceIntegrationRestricted, severity: .error,
    rank: FindingRank(20, lessLikely: 24),
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

  static let reads: Set<FactKind> = [.azure, .symptoms]

  /// A network-restricted registry that refuses even trusted Azure services, and a symptom from one of them.
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = view.azureOK, facts.isNetworkRestricted,
      facts.networkRuleBypassOptions == .noServices
    else { return [] }
    let symptoms = view.symptoms(among: [.s9, .s10, .s4])
    guard !symptoms.isEmpty else { return [] }
    let evidence =
      ["\(AzureView.source(facts)): networkRuleBypassOptions=None"] + AzureView.restrictionLines(facts)
      + symptoms.map(AzureView.symptomLine)
    // S4 alone may be AKS, which trusted access does not concern; Tasks (S9) and Defender (S10) are trusted services.
    return [
      FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [azureProbe.id], vars: view.vars,
        likelihood: symptoms == [.s4] ? .lessLikely : .usual)
    ]
  }
}
