// resource-provider-not-registered (C3): Microsoft.ContainerRegistry is not registered in the subscription az
// points at (a virtual network's, often). Observed by AzureProbe (az provider show).

enum ResourceProviderNotRegistered: FindingRule {
  static let spec = FindingSpec(
    id: .resourceProviderNotRegistered, cause: .vnetPrivateEndpointConfig, severity: .error,
    rank: FindingRank(28, likelier: 15),
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

  static let reads: Set<FactKind> = [.azure, .symptoms]

  /// Likelier the root cause when the symptom is about virtual network rules (S6, S8).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = input.azure, let state = facts.providerRegistrationState,
      state != .registered
    else { return [] }
    let subscription =
      facts.state == .answeredByUser ? "the virtual network's subscription" : "the current subscription"
    var evidence = [
      "\(AzureView.source(facts)): Microsoft.ContainerRegistry registrationState=\(state) in \(subscription)"
    ]
    if facts.state == .failed, let error = facts.error { evidence.append("azure: \(error)") }
    let relevant = view.symptoms(among: [.s6, .s8])
    evidence += relevant.map(AzureView.symptomLine)
    return [
      FindingDraft(
        id: spec.id, evidence: evidence, probeIDs: [azureProbe.id], vars: view.vars,
        likelihood: relevant.isEmpty ? .usual : .likelier)
    ]
  }
}
