import DoctorCore

// The Azure questions on screen: the engine (DoctorCore's AzureQuestions, AzureRediagnosis) says which apply and
// recomputes the report from the answers; this file only keeps the answers being edited and routes the keys.

/// The questions' state: which apply, the answers given (applied) and those being edited in the overlay.
public struct AzureQuestionsState: Sendable, Equatable {
  /// The questions the engine's report leaves open, decided once when that report arrives.
  public var applicable: [AzureQuestionID] = []
  public var answers: [AzureQuestionID: AzureAnswer] = [:]
  public var draft: [AzureQuestionID: AzureAnswer] = [:]
  public var list = ListState()
  public init() {}
}

extension AppState {
  /// The questions that apply to the engine's report (not the recomputed one).
  public var azureQuestions: [AzureQuestionID] { questions.applicable }

  /// A question's command with the registry's name filled in.
  func questionCommand(_ id: AzureQuestionID) -> String {
    AzureQuestions.command(id, registry: baseReport?.registry ?? target)
  }
}

// MARK: Update

/// The engine's report arrived: keep it as the base, and re-apply answers given in an earlier run.
func azureReportArrived(_ state: inout AppState) {
  state.baseReport = state.report
  state.questions.applicable = state.report.map(AzureQuestions.applicable(to:)) ?? []
  guard !state.azureQuestions.isEmpty else { return }
  remindQuestions(&state)
  guard !state.questions.answers.isEmpty else { return }
  rediagnose(&state)
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
  state.questions.list.home()
  state.overlay = .azureQuestions
}

func questionsAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  let questions = state.azureQuestions
  guard !questions.isEmpty else {
    state.overlay = nil
    return []
  }
  let current = questions[max(0, min(state.questions.list.cursor, questions.count - 1))]
  switch action {
  case .moveUp, .moveDown: state.questions.list.move(action, page: 1)
  case .answerYes, .answerNo, .answerUnknown:
    state.questions.draft[current] = action == .answerYes ? .yes : action == .answerNo ? .no : .unknown
    state.questions.list.cursor += 1  // on to the next question, as a form would
  case .submit:
    state.questions.answers = state.questions.draft.filter { $0.value != .unknown }
    state.overlay = nil
    rediagnose(&state)
    state.status = StatusMessage(text: UIText.answersApplied(state.language), kind: .success)
    return []
  default: break
  }
  state.questions.list.clamp(count: questions.count, height: 0)
  return []
}

/// Recomputes the report from the base with the answers (or restores the base when none is left).
func rediagnose(_ state: inout AppState) {
  guard let base = state.baseReport else { return }
  let answers = state.questions.answers
  state.report =
    answers.isEmpty ? base : state.config.rediagnose(base, AzureQuestions.facts(from: answers, registry: base.registry))
  showLikelyPath(&state)
}
