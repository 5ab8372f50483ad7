import DoctorCore

// The decision tree's branches that no probe decides: the Azure questions (when az was unavailable), one branch per
// Azure-side symptom (S4, S6…S10) with the runbook's advice, and the article's further diagnosis. They follow the
// causes, as roots of their own.

/// A tree node outside causes → findings → remedies.
public enum ExtraNode: Sendable, Hashable {
  /// The questions that stand in for the Azure CLI (Enter opens them).
  case questions
  /// A selected Azure-side symptom; its children are the runbook's advice for it.
  case symptom(SymptomID)
  case symptomAdvice(SymptomID, Int)
  /// "Further diagnosis / advanced troubleshooting"; its children are the items.
  case further
  case furtherItem(Int)
  /// The pullers found (PullerTree.swift); its children are each puller and the followed pull.
  case pullers
  case puller(Int)
  /// The followed pull (`--image`, PullTree.swift); its children are its requests and the hosts layers come from.
  case pull
  case pullStep(Int)
  case blobHost(Int)
}

extension AppState {
  /// Values for the runbook's command templates, from the diagnosed registry.
  var templateVars: [TemplateVariable: String] {
    guard let registry = report?.registry ?? target else { return [:] }
    var vars: [TemplateVariable: String] = [.loginServer: registry.loginServer, .host: registry.host]
    if let name = registry.acrName { vars[.registry] = name }
    return vars
  }

  /// The selected symptoms that happen on the Azure side (those the runbook has advice for), in order.
  var azureSideSymptoms: [SymptomID] {
    (report?.symptoms ?? []).filter { !config.symptomAdvice($0).isEmpty }.sorted()
  }

  func symptomRemedies(_ id: SymptomID) -> [Remedy] {
    Runbook.remedies(from: config.symptomAdvice(id), vars: templateVars, language: language)
  }

  var furtherRemedies: [Remedy] {
    Runbook.remedies(from: config.furtherDiagnosis, vars: templateVars, language: language)
  }

  func symptomLabel(_ id: SymptomID) -> String {
    let title = config.symptoms.first { $0.id == id }?.title(language) ?? ""
    return title.isEmpty ? id.rawValue : "\(id.rawValue) \(title)"
  }

  /// A row of a branch outside causes → findings → remedies.
  func extraRow(_ node: ExtraNode, depth: Int, _ label: String, children: Int = 0) -> TreeRow {
    TreeRow(
      node: .extra(node), depth: depth, label: label, hasChildren: children > 0,
      isExpanded: children > 0 && diagnosis.expanded.contains(.extra(node)), ruledOut: false, isLikely: false,
      severity: nil)
  }

  /// The rows after the causes, given which nodes are expanded.
  var extraRows: [TreeRow] {
    guard report != nil else { return [] }
    var rows: [TreeRow] = []
    let questions = azureQuestions
    if !questions.isEmpty {
      let answered = questions.filter { self.questions.answers[$0] != nil }.count
      let label =
        answered == 0
        ? "\(UIText.questionsNode(language)) (\(questions.count))"
        : "\(UIText.questionsAnswered(language)) (\(answered)/\(questions.count))"
      rows.append(extraRow(.questions, depth: 0, label))
    }
    for id in azureSideSymptoms {
      let advice = symptomRemedies(id)
      rows.append(extraRow(.symptom(id), depth: 0, symptomLabel(id), children: advice.count))
      guard diagnosis.expanded.contains(.extra(.symptom(id))) else { continue }
      for (i, remedy) in advice.enumerated() { rows.append(extraRow(.symptomAdvice(id, i), depth: 1, remedy.title)) }
    }
    let pullers = pullerBranches
    let pull = pullBranch
    if !pullers.isEmpty || pull != nil {
      let children = pullers.count + (pull == nil ? 0 : 1)
      rows.append(extraRow(.pullers, depth: 0, UIText.pullersNode(language), children: children))
      if diagnosis.expanded.contains(.extra(.pullers)) {
        for (i, b) in pullers.enumerated() { rows.append(extraRow(.puller(i), depth: 1, pullerLabel(b))) }
        if let pull { rows += pullRows(pull) }
      }
    }
    let further = furtherRemedies
    rows.append(extraRow(.further, depth: 0, UIText.furtherDiagnosis(language), children: further.count))
    if diagnosis.expanded.contains(.extra(.further)) {
      for (i, remedy) in further.enumerated() { rows.append(extraRow(.furtherItem(i), depth: 1, remedy.title)) }
    }
    return rows
  }

  func extraParent(_ node: ExtraNode) -> TreeNodeID? {
    switch node {
    case .symptomAdvice(let id, _): return .extra(.symptom(id))
    case .furtherItem: return .extra(.further)
    case .puller, .pull: return .extra(.pullers)
    case .pullStep, .blobHost: return .extra(.pull)
    case .questions, .symptom, .further, .pullers: return nil
    }
  }

  /// The remedy an extra leaf stands for (nil for the branch nodes).
  func extraRemedy(_ node: ExtraNode) -> Remedy? {
    switch node {
    case .symptomAdvice(let id, let i):
      let all = symptomRemedies(id)
      return all.indices.contains(i) ? all[i] : nil
    case .furtherItem(let i):
      let all = furtherRemedies
      return all.indices.contains(i) ? all[i] : nil
    case .questions, .symptom, .further, .pullers, .puller, .pull, .pullStep, .blobHost: return nil
    }
  }

  func extraPaneTitle(_ node: ExtraNode) -> String {
    switch node {
    case .questions: return UIText.questionsTitle(language)
    case .symptom: return UIText.symptomBranch(language)
    case .symptomAdvice, .furtherItem: return UIText.remedy(language)
    case .further: return UIText.furtherDiagnosis(language)
    case .pullers, .puller, .pull, .pullStep, .blobHost: return UIText.pullersNode(language)
    }
  }

  func writeExtra(_ node: ExtraNode, into out: inout PaneWriter) {
    switch node {
    case .questions:
      out.title(UIText.questionsTitle(language))
      out.paragraph(UIText.questionsIntro(language))
      for id in azureQuestions {
        out.heading(AzureQuestions.text(id)(language))
        out.paragraph("\(UIText.yourAnswer(language)): \(answerName(questions.answers[id] ?? .unknown))")
        out.command(questionCommand(id))
      }
      out.paragraph("")
      out.paragraph(UIText.questionsHowTo(language), style: .dim)
    case .symptom(let id):
      out.title(symptomLabel(id))
      out.paragraph(UIText.symptomBranchIntro(language))
      out.heading(UIText.advice(language))
      for remedy in symptomRemedies(id) { out.item(remedy.title) }
    case .further:
      out.title(UIText.furtherDiagnosis(language))
      out.paragraph(UIText.furtherIntro(language))
      for remedy in furtherRemedies { out.item(remedy.title) }
    case .pullers:
      out.title(UIText.pullersNode(language))
      out.paragraph(UIText.pullersIntro(language))
      for b in pullerBranches { out.item(pullerLabel(b)) }
      if let pull = pullBranch { out.item(pullLabel(pull)) }
    case .puller(let i):
      writePuller(i, into: &out)
    case .pull:
      writePull(into: &out)
    case .pullStep(let i):
      writePullStep(i, into: &out)
    case .blobHost(let i):
      writeBlobHost(i, into: &out)
    case .symptomAdvice, .furtherItem:
      guard let remedy = extraRemedy(node) else { return }
      writeRemedy(remedy, into: &out)
    }
  }

  func answerName(_ answer: AzureAnswer) -> String {
    switch answer {
    case .yes: return UIText.answerYes(language)
    case .no: return UIText.answerNo(language)
    case .unknown: return UIText.answerUnknown(language)
    }
  }
}

extension TreeNodeID {
  /// Leaves whose pane is worth opening with → (remedies and the advice items).
  var opensOnExpand: Bool {
    switch self {
    case .remedy, .extra(.symptomAdvice), .extra(.furtherItem), .extra(.pullStep), .extra(.blobHost): return true
    default: return false
    }
  }
}
