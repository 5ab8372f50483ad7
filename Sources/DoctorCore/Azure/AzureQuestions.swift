// When the Azure CLI cannot be asked, the user can answer the few questions that decide the Azure branches of the
// decision tree. Each question comes with the exact command that answers it, and the answers become an AzureFacts
// (state `answeredByUser`) that the diagnosis is recomputed with (AzureRediagnosis.swift). The engine owns all of
// it, next to the Azure rules it feeds: the wizard only asks and shows.

/// One question about the registry's Azure side, in the order the wizard asks them.
public enum AzureQuestionID: String, Sendable, Hashable, CaseIterable {
  case publicAccessDisabled, networkRestricted, trustedServicesAllowed, privateEndpoints, providerRegistered
}

public enum AzureAnswer: String, Sendable, Equatable {
  case yes, no, unknown
}

public enum AzureQuestions {
  /// The Azure CLI states in which the questions are asked instead (a missing Azure probe counts as not asked).
  static let unavailableStates: Set<AzureCLIState> = [.notInstalled, .notLoggedIn, .disabled, .failed, .timeout]
  /// Symptoms of an Azure service (AKS, Tasks, Defender) pulling from the registry: the ones the service rules read.
  static let serviceSymptoms: Set<SymptomID> = [.s4, .s9, .s10]
  /// Symptoms this machine's own pulls show.
  static let clientSymptoms: Set<SymptomID> = [.s1, .s2, .s3, .s5, .s7, .s11]
  /// Symptoms of changing the registry's network settings, which the resource provider rule reads.
  static let providerSymptoms: Set<SymptomID> = [.s6, .s8]

  public static func text(_ id: AzureQuestionID) -> LocalizedText {
    switch id {
    case .publicAccessDisabled:
      return .init(en: "Is public network access disabled?", ja: "パブリック ネットワーク アクセスは無効ですか？")
    case .networkRestricted:
      return .init(
        en: "Does the registry restrict networks (default action Deny / IP rules)?",
        ja: "レジストリはネットワークを制限していますか（既定のアクション Deny／IP 規則）？")
    case .trustedServicesAllowed:
      return .init(en: "Are trusted Azure services allowed?", ja: "信頼された Azure サービスは許可されていますか？")
    case .privateEndpoints:
      return .init(en: "Does the registry have private endpoints?", ja: "レジストリにプライベート エンドポイントはありますか？")
    case .providerRegistered:
      return .init(
        en: "Is Microsoft.ContainerRegistry registered in the VNet's subscription?",
        ja: "仮想ネットワークのサブスクリプションに Microsoft.ContainerRegistry は登録されていますか？")
    }
  }

  /// The command that answers the question, with `{registry}` to fill in.
  public static func commandTemplate(_ id: AzureQuestionID) -> String {
    switch id {
    case .publicAccessDisabled: return "az acr show --name {registry} --query publicNetworkAccess -o tsv"
    case .networkRestricted: return "az acr show --name {registry} --query networkRuleSet"
    case .trustedServicesAllowed: return "az acr show --name {registry} --query networkRuleBypassOptions -o tsv"
    case .privateEndpoints: return "az acr private-endpoint-connection list -r {registry}"
    case .providerRegistered:
      return "az provider show -n Microsoft.ContainerRegistry --query registrationState -o tsv"
    }
  }

  /// The question's command for this registry (the ACR name filled in, shell-safe), or the template when the
  /// name is unknown or unsafe, so the user still sees what to run.
  public static func command(_ id: AzureQuestionID, registry: RegistryTarget?) -> String {
    let template = commandTemplate(id)
    let vars: [TemplateVariable: String] = registry?.acrName.map { [.registry: $0] } ?? [:]
    return Runbook.fillCommands([template], vars: vars).first ?? template
  }

  /// True when the report's registry is an ACR whose Azure side the Azure CLI could not read.
  public static func azureUnavailable(in report: Report) -> Bool {
    guard report.registry.acrName != nil else { return false }
    guard let facts = DiagnosisInput(report: report).azure?.1 else { return true }
    return unavailableStates.contains(facts.state)
  }

  /// The questions worth asking for this report: only when az was unavailable, and only those whose answer can
  /// change a finding given the selected symptoms and what the probes saw. It reads the probes through the Azure
  /// rules' own view (AzureView), so a question follows the facts its rule reads.
  public static func applicable(to report: Report) -> [AzureQuestionID] {
    guard azureUnavailable(in: report) else { return [] }
    let view = AzureView(DiagnosisInput(report: report))
    let symptoms = Set(report.symptoms)
    let services = !symptoms.isDisjoint(with: serviceSymptoms)
    let saw403 = view.denial != nil
    let publicDNS = view.input.dns.contains { _, dns in
      dns.endpoint.role == .loginServer && AzureView.allPublic(dns.system)
    }
    let probeFailed = report.probes.contains { probe in
      if case .azure = probe.facts { return false }
      return probe.status == .fail || probe.status == .error
    }
    let clientTrouble = !symptoms.isDisjoint(with: clientSymptoms) || probeFailed

    var questions: [AzureQuestionID] = []
    if services || saw403 || (publicDNS && clientTrouble) { questions.append(.publicAccessDisabled) }
    if services || saw403 || symptoms.contains(.s7) { questions.append(.networkRestricted) }
    if services { questions += [.trustedServicesAllowed, .privateEndpoints] }
    if !symptoms.isDisjoint(with: providerSymptoms) { questions.append(.providerRegistered) }
    return questions
  }

  /// The answers as the facts the Azure rules read; "don't know" leaves a field unset.
  public static func facts(from answers: [AzureQuestionID: AzureAnswer], registry: RegistryTarget) -> AzureFacts {
    func pick<Word: AzureSettingWord>(_ id: AzureQuestionID, yes: Word, no: Word) -> Word? {
      switch answers[id] ?? .unknown {
      case .yes: return yes
      case .no: return no
      case .unknown: return nil
      }
    }
    return AzureFacts(
      state: .answeredByUser, loginServer: registry.loginServer,
      publicNetworkAccess: pick(.publicAccessDisabled, yes: .disabled, no: .enabled),
      defaultAction: pick(.networkRestricted, yes: .deny, no: .allow),
      networkRuleBypassOptions: pick(.trustedServicesAllowed, yes: .azureServices, no: .noServices),
      privateEndpointConnections: answers[.privateEndpoints] == .yes ? 1 : 0,
      providerRegistrationState: pick(.providerRegistered, yes: .registered, no: .notRegistered))
  }
}

extension DiagnosisInput {
  /// The input a report was diagnosed from, as far as the rules read it (no proxy environment: the Azure view
  /// does not read it).
  init(report: Report, proxyEnvironment: ProxyEnvironment = ProxyEnvironment(environment: [:])) {
    self.init(
      registry: report.registry, symptoms: report.symptoms, probes: report.results, proxyEnvironment: proxyEnvironment)
  }
}
