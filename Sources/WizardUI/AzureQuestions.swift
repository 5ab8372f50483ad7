import DoctorCore

// When the Azure CLI cannot be asked, the user can answer the few questions that decide the Azure branches of the
// tree. Each question comes with the exact command that answers it, and the answers become an AzureFacts
// (state `answeredByUser`) that the diagnosis is recomputed with.

/// One question about the registry's Azure side, in the order the wizard asks them.
public enum AzureQuestionID: String, Sendable, Hashable, CaseIterable {
  case publicAccessDisabled, networkRestricted, trustedServicesAllowed, privateEndpoints, providerRegistered
}

public enum AzureAnswer: String, Sendable, Equatable {
  case yes, no, unknown
}

/// The questions' state: which apply, the answers given (applied) and those being edited in the overlay.
public struct AzureQuestionsState: Sendable, Equatable {
  public var answers: [AzureQuestionID: AzureAnswer] = [:]
  public var draft: [AzureQuestionID: AzureAnswer] = [:]
  public var cursor = 0
  public init() {}
}

/// The id of the Azure CLI probe's result (DoctorProbes' `AzureProbe.probeID`, which WizardUI cannot import).
let azureProbeID = "azure.registry"

public enum AzureQuestions {
  /// The Azure CLI states in which the questions are asked instead (a missing Azure probe counts as not asked).
  static let unavailableStates: Set<AzureCLIState> = [.notInstalled, .notLoggedIn, .disabled, .failed, .timeout]

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

  /// True when the report's registry is an ACR whose Azure side the Azure CLI could not read.
  public static func azureUnavailable(in report: Report) -> Bool {
    guard report.registry.acrName != nil else { return false }
    guard let probe = report.probes.first(where: { $0.id == azureProbeID }) else { return true }
    guard case .azure(let facts) = probe.facts else { return true }
    return unavailableStates.contains(facts.state)
  }

  /// The questions worth asking for this report: only when az was unavailable, and only those whose answer can
  /// change a finding given the selected symptoms and what the probes saw.
  public static func applicable(to report: Report) -> [AzureQuestionID] {
    guard azureUnavailable(in: report) else { return [] }
    let symptoms = Set(report.symptoms)
    let services = !symptoms.isDisjoint(with: [.s4, .s9, .s10])
    let clientSymptoms = !symptoms.isDisjoint(with: [.s1, .s2, .s3, .s5, .s7, .s11])
    let input = DiagnosisInput(
      registry: report.registry, symptoms: report.symptoms, probes: report.probes,
      proxyEnvironment: ProxyEnvironment(environment: [:]))
    let saw403 = input.http.contains { _, http in
      http.statusCode == 403 && (http.endpoint.role == .loginServer || http.endpoint.role == .dataEndpoint)
    }
    let publicDNS = input.dns.contains { _, dns in
      dns.endpoint.role == .loginServer && dns.system.outcome == .resolved && !dns.system.addresses.isEmpty
        && dns.system.addresses.allSatisfy { $0.addressClass == .public }
    }
    let probeFailed = report.probes.contains { $0.id != azureProbeID && ($0.status == .fail || $0.status == .error) }

    var questions: [AzureQuestionID] = []
    if services || saw403 || (publicDNS && (clientSymptoms || probeFailed)) { questions.append(.publicAccessDisabled) }
    if services || saw403 || symptoms.contains(.s7) { questions.append(.networkRestricted) }
    if services { questions += [.trustedServicesAllowed, .privateEndpoints] }
    if symptoms.contains(.s6) || symptoms.contains(.s8) { questions.append(.providerRegistered) }
    return questions
  }

  /// The answers as the facts the Azure rules read; "don't know" leaves a field unset.
  public static func facts(from answers: [AzureQuestionID: AzureAnswer], registry: RegistryTarget) -> AzureFacts {
    func pick(_ id: AzureQuestionID, yes: String, no: String) -> String? {
      switch answers[id] ?? .unknown {
      case .yes: return yes
      case .no: return no
      case .unknown: return nil
      }
    }
    return AzureFacts(
      state: .answeredByUser, loginServer: registry.loginServer,
      publicNetworkAccess: pick(.publicAccessDisabled, yes: "Disabled", no: "Enabled"),
      defaultAction: pick(.networkRestricted, yes: "Deny", no: "Allow"),
      networkRuleBypassOptions: pick(.trustedServicesAllowed, yes: "AzureServices", no: "None"),
      privateEndpointConnections: answers[.privateEndpoints] == .yes ? 1 : 0,
      providerRegistrationState: pick(.providerRegistered, yes: "Registered", no: "NotRegistered"))
  }
}

public enum AzureRediagnosis {
  /// The same diagnosis over the same probe results, with the Azure probe's result replaced by `azure`. Pure.
  public static func report(base: Report, azure: AzureFacts, proxyEnvironment: ProxyEnvironment) -> Report {
    let result = ProbeDescriber.result(
      id: azureProbeID, target: base.registry.acrName ?? base.registry.host, durationMs: 0, facts: .azure(azure),
      language: base.language)
    var probes = base.probes
    if let index = probes.firstIndex(where: { $0.id == azureProbeID }) {
      probes[index] = result
    } else {
      probes.append(result)
    }
    let input = DiagnosisInput(
      registry: base.registry, symptoms: base.symptoms, probes: probes, proxyEnvironment: proxyEnvironment)
    return Diagnosis.report(input: input, language: base.language, elapsedMs: base.elapsedMs)
  }
}

extension AppState {
  /// The questions that apply to the engine's report (not the recomputed one).
  public var azureQuestions: [AzureQuestionID] {
    guard let baseReport else { return [] }
    return AzureQuestions.applicable(to: baseReport)
  }

  /// A question's command with the registry's name filled in.
  func questionCommand(_ id: AzureQuestionID) -> String {
    let name = (baseReport?.registry ?? target)?.acrName ?? "{registry}"
    return AzureQuestions.commandTemplate(id).replacingOccurrences(of: "{registry}", with: name)
  }
}

// MARK: Update

/// The engine's report arrived: keep it as the base, and re-apply answers given in an earlier run.
func azureReportArrived(_ state: inout AppState) -> [Effect] {
  state.baseReport = state.report
  guard !state.azureQuestions.isEmpty else { return [] }
  remindQuestions(&state)
  guard !state.questions.answers.isEmpty else { return [] }
  rediagnose(&state)
  return [.azureAnswersChanged(state.questions.answers)]
}

/// Says on the status line that questions are waiting, until some are answered.
func remindQuestions(_ state: inout AppState) {
  let questions = state.azureQuestions
  guard !questions.isEmpty, state.questions.answers.isEmpty else { return }
  state.status = StatusMessage(
    text: "\(UIText.azureUnavailableHint(state.language)) (\(questions.count))", kind: .info)
}

func openQuestions(_ state: inout AppState) {
  let questions = state.azureQuestions
  guard !questions.isEmpty else {
    state.status = StatusMessage(text: UIText.noAzureQuestions(state.language), kind: .info)
    return
  }
  state.questions.draft = state.questions.answers
  state.questions.cursor = 0
  state.overlay = .azureQuestions
}

func questionsAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  let questions = state.azureQuestions
  guard !questions.isEmpty else {
    state.overlay = nil
    return []
  }
  let current = questions[max(0, min(state.questions.cursor, questions.count - 1))]
  switch action {
  case .moveUp: state.questions.cursor -= 1
  case .moveDown: state.questions.cursor += 1
  case .answerYes, .answerNo, .answerUnknown:
    state.questions.draft[current] = action == .answerYes ? .yes : action == .answerNo ? .no : .unknown
    state.questions.cursor += 1  // on to the next question, as a form would
  case .submit:
    state.questions.answers = state.questions.draft.filter { $0.value != .unknown }
    state.overlay = nil
    rediagnose(&state)
    state.status = StatusMessage(text: UIText.answersApplied(state.language), kind: .success)
    return [.azureAnswersChanged(state.questions.answers)]
  default: break
  }
  state.questions.cursor = max(0, min(state.questions.cursor, questions.count - 1))
  return []
}

/// Recomputes the report from the base with the answers (or restores the base when none is left).
func rediagnose(_ state: inout AppState) {
  guard let base = state.baseReport else { return }
  if state.questions.answers.isEmpty {
    state.report = base
  } else {
    let facts = AzureQuestions.facts(from: state.questions.answers, registry: base.registry)
    state.report = state.config.rediagnose(base, facts)
  }
  showLikelyPath(&state)
}
