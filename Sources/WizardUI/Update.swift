import DoctorCore
import Foundation

/// The wizard's only way to change: apply a message to the state and say which effects to run.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
  guard !state.finished else { return [] }
  var effects: [Effect] = []
  switch msg {
  case .key(let key):
    effects = handleKey(&state, key)
  case .probeStarted(let run, let id, let title, let target):
    guard run == state.run, state.runPhase == .running else { return [] }  // a late event of a cancelled run
    let row = ProbeRow(id: id, title: title, target: target, status: .running)
    if let i = state.probeRows.firstIndex(where: { $0.id == id }) {
      state.probeRows[i] = row
    } else {
      state.probeRows.append(row)
    }
  case .probeFinished(let run, let result):
    guard run == state.run, state.runPhase == .running else { return [] }
    record(result, in: &state)
  case .reportReady(let run, let report):
    guard run == state.run, state.runPhase == .running else { return [] }
    for result in report.probes { record(result, in: &state) }
    state.report = report
    state.runPhase = .done
    effects = azureReportArrived(&state)
    showLikelyPath(&state)
  case .tick:
    guard state.runPhase == .running else { return [] }
    state.spinnerFrame &+= 1
  case .resize(let size):
    state.size = size
  case .exportFinished(.success(let path)):
    state.status = StatusMessage(text: "\(UIText.exportSaved(state.language)) \(path)", kind: .success)
  case .exportFinished(.failure(let error)):
    state.status = StatusMessage(text: "\(UIText.exportFailed(state.language)) \(error.message)", kind: .error)
  case .terminate:
    effects = finish(&state)
  case .commandFinished(let display, let exitCode, let output):
    commandFinished(&state, display: display, exitCode: exitCode, output: output)
  }
  normalizeScrolling(&state)
  return effects
}

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  let context = state.keyContext
  guard let action = state.keyMap.action(for: key, in: context) else {
    if context.isTextEntry { editFocusedField(&state, key) }
    return []
  }
  if action != .submit { state.status = nil }
  return perform(action, in: context, &state)
}

private func perform(_ action: Action, in context: KeyContext, _ state: inout AppState) -> [Effect] {
  switch action {
  case .forceQuit: return finish(&state)
  case .quit:
    // Ask first while probes run, unless the terminal is too small to show the question.
    if state.runPhase == .running, context != .tooSmall {
      state.overlay = .confirmQuit
      return []
    }
    return finish(&state)
  case .confirmYes: return finish(&state)
  case .confirmNo, .closeOverlay:
    state.overlay = nil
    return []
  case .help:
    state.overlay = .help
    return []
  case .openQuestions:
    openQuestions(&state)
    return []
  case .runCommand:
    beginCommand(&state)
    return []
  default: break
  }
  switch context {
  case .registryForm: return registryAction(action, &state)
  case .symptomList, .symptomFilter, .symptomError: return symptomAction(action, in: context, &state)
  case .probes: return probesAction(action, &state)
  case .tree, .pane: return diagnosisAction(action, in: context, &state)
  case .exportFormat, .exportPath: return exportAction(action, &state)
  case .questions: return questionsAction(action, &state)
  case .pickCommand, .confirmCommand, .commandOutput: return commandAction(action, &state)
  case .confirmQuit, .help, .tooSmall: return []
  }
}

/// Quit: cancel a running diagnosis first, then leave.
private func finish(_ state: inout AppState) -> [Effect] {
  let wasRunning = state.runPhase == .running
  if wasRunning { cancelRun(&state) }
  state.overlay = nil
  state.finished = true
  return wasRunning ? [.cancelDiagnosis, .quit] : [.quit]
}

private func editFocusedField(_ state: inout AppState, _ key: Key) {
  switch state.keyContext {
  case .registryForm:
    if state.registryFocus == .registry { state.registryField.handle(key) } else { state.regionsField.handle(key) }
    state.registryError = nil
  case .symptomFilter:
    if state.filterField.handle(key) { state.symptomCursor = 0 }
  case .symptomError: state.errorField.handle(key)
  case .exportPath: state.exportPathField.handle(key)
  default: break
  }
}

// MARK: 1. Registry

private func registryAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  switch action {
  case .nextField, .previousField:
    state.registryFocus = state.registryFocus == .registry ? .regions : .registry
  case .submit:
    let registry = state.registryField.text.trimmingCharacters(in: .whitespaces)
    guard !registry.isEmpty else {
      state.registryError = UIText.registryEmpty(state.language)
      return []
    }
    let extras = state.regionsField.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    switch state.config.validateRegistry(registry, extras) {
    case .success(let target):
      state.target = target
      state.registryError = nil
      state.screen = .symptoms
      state.symptomFocus = .list
    case .failure(let error):
      state.registryError = error.message
    }
  default: break
  }
  return []
}

// MARK: 2. Symptoms

private func symptomAction(_ action: Action, in context: KeyContext, _ state: inout AppState) -> [Effect] {
  let visible = state.visibleSymptoms
  let page = max(1, ScreenLayout(size: state.size).symptomList.height - 1)
  switch (context, action) {
  case (_, .moveUp): state.symptomCursor -= 1
  case (_, .moveDown): state.symptomCursor += 1
  case (_, .pageUp): state.symptomCursor -= page
  case (_, .pageDown): state.symptomCursor += page
  case (.symptomList, .toggle):
    guard visible.indices.contains(state.symptomCursor) else { break }
    let id = visible[state.symptomCursor].id
    if state.selectedSymptoms.contains(id) {
      state.selectedSymptoms.remove(id)
    } else {
      state.selectedSymptoms.insert(id)
    }
  case (.symptomList, .startFilter): state.symptomFocus = .filter
  case (.symptomList, .focusErrorField): state.symptomFocus = .error
  case (.symptomList, .submit): return startDiagnosis(&state)
  case (.symptomList, .back): state.screen = .registry
  case (.symptomFilter, .submit): state.symptomFocus = .list
  case (.symptomFilter, .cancelField):
    state.filterField.set("")
    state.symptomFocus = .list
  case (.symptomError, .submit):
    matchErrorText(&state)
    state.symptomFocus = .list
  case (.symptomError, .cancelField):
    state.errorField.set(state.matchedErrorText ?? "")
    state.symptomFocus = .list
  default: break
  }
  return []
}

private func matchErrorText(_ state: inout AppState) {
  let text = state.errorField.text.trimmingCharacters(in: .whitespaces)
  state.matchedErrorText = text.isEmpty ? nil : text
  guard !text.isEmpty else { return }
  let matched = state.config.matchError(text).sorted()
  state.selectedSymptoms.formUnion(matched)
  let understood = errorUnderstanding(text)
  if matched.isEmpty {
    state.status = StatusMessage(text: UIText.matchedNone(state.language) + understood, kind: .info)
  } else {
    let ids = matched.map(\.rawValue).joined(separator: ", ")
    state.status = StatusMessage(text: "\(UIText.matchedSome(state.language)) \(ids)\(understood)", kind: .success)
  }
}

// MARK: 3. Probes

private func startDiagnosis(_ state: inout AppState) -> [Effect] {
  guard let target = state.target else {
    state.screen = .registry
    return []
  }
  state.run += 1
  let request = WizardDiagnosis(
    run: state.run, registry: target, symptoms: state.selectedSymptoms.sorted(), errorText: state.matchedErrorText,
    language: state.language)
  state.lastRequest = request
  state.runPhase = .running
  state.probeRows = []
  state.probeCursor = 0
  state.probeScroll = 0
  state.report = nil
  state.baseReport = nil
  state.expanded = []
  state.openedNode = nil
  state.treeCursor = 0
  state.treeScroll = 0
  state.paneScroll = 0
  state.diagnosisFocus = .tree
  state.overlay = nil
  state.status = nil
  state.screen = .probes
  return [.startDiagnosis(request)]
}

/// Stops listening to the current run: its rows show as cancelled, its late events are ignored.
private func cancelRun(_ state: inout AppState) {
  state.runPhase = .cancelled
  state.run += 1
  for i in state.probeRows.indices {
    if case .running = state.probeRows[i].status { state.probeRows[i].status = .cancelled }
  }
}

private func rerun(_ state: inout AppState) -> [Effect] {
  let wasRunning = state.runPhase == .running
  if wasRunning { cancelRun(&state) }
  return (wasRunning ? [.cancelDiagnosis] : []) + startDiagnosis(&state)
}

private func probesAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  let page = max(1, ScreenLayout(size: state.size).probeTable.height - 1)
  switch action {
  case .moveUp: state.probeCursor -= 1
  case .moveDown: state.probeCursor += 1
  case .pageUp: state.probeCursor -= page
  case .pageDown: state.probeCursor += page
  case .rerun: return rerun(&state)
  case .cancel:
    guard state.runPhase == .running else { break }
    cancelRun(&state)
    state.status = StatusMessage(text: UIText.probesCancelled(state.language), kind: .info)
    return [.cancelDiagnosis]
  case .activate:
    if state.report != nil {
      state.screen = .diagnosis
      remindQuestions(&state)
    }
  case .export: openExport(&state)
  case .back:
    let wasRunning = state.runPhase == .running
    if wasRunning {
      cancelRun(&state)
      state.status = StatusMessage(text: UIText.backWhileRunning(state.language), kind: .info)
    }
    state.screen = .symptoms
    return wasRunning ? [.cancelDiagnosis] : []
  default: break
  }
  return []
}

private func record(_ result: ProbeResult, in state: inout AppState) {
  if let i = state.probeRows.firstIndex(where: { $0.id == result.id }) {
    state.probeRows[i].status = .finished(result)
  } else {
    state.probeRows.append(ProbeRow(id: result.id, title: result.id, target: result.target, status: .finished(result)))
  }
}

/// Opens the tree along the conclusion: its cause and finding expanded, the cursor and the pane on the finding.
func showLikelyPath(_ state: inout AppState) {
  guard let report = state.report else { return }
  state.expanded = [.cause(report.conclusion.cause)]
  if let likely = state.likelyFindingIndex {
    state.expanded.insert(.finding(likely))
    state.openedNode = .finding(likely)
  } else {
    state.openedNode = .cause(report.conclusion.cause)
  }
  state.treeCursor = state.treeRows.firstIndex { $0.node == state.openedNode } ?? 0
  state.treeScroll = 0
  state.paneScroll = 0
  state.diagnosisFocus = .tree
}

// MARK: 4-5. Decision tree and drill-down pane

private func diagnosisAction(_ action: Action, in context: KeyContext, _ state: inout AppState) -> [Effect] {
  if action == .rerun { return rerun(&state) }
  if action == .export {
    openExport(&state)
    return []
  }
  if context == .pane {
    let page = max(1, paneArea(state).height - 1)
    switch action {
    case .moveUp: state.paneScroll -= 1
    case .moveDown: state.paneScroll += 1
    case .pageUp: state.paneScroll -= page
    case .pageDown: state.paneScroll += page
    case .switchPane, .back: state.diagnosisFocus = .tree
    default: break
    }
    return []
  }
  let rows = state.treeRows
  let page = max(1, treeArea(state).height - 1)
  let current = rows.indices.contains(state.treeCursor) ? rows[state.treeCursor] : nil
  switch action {
  case .moveUp: state.treeCursor -= 1
  case .moveDown: state.treeCursor += 1
  case .pageUp: state.treeCursor -= page
  case .pageDown: state.treeCursor += page
  case .expand:
    guard let row = current else { break }
    if !row.hasChildren {
      if row.node.opensOnExpand { open(row.node, focusPane: true, &state) }
    } else if row.isExpanded {
      state.treeCursor += 1  // already open: step to the first child
    } else {
      state.expanded.insert(row.node)
    }
  case .collapse:
    guard let row = current else { break }
    if row.isExpanded {
      state.expanded.remove(row.node)
    } else if let parent = state.parent(of: row.node), let index = rows.firstIndex(where: { $0.node == parent }) {
      state.treeCursor = index
    }
  case .activate:
    guard let row = current else { break }
    switch row.node {
    case .cause:
      if row.hasChildren {
        if row.isExpanded { state.expanded.remove(row.node) } else { state.expanded.insert(row.node) }
      }
      open(row.node, focusPane: false, &state)
    case .finding, .remedy:
      state.expanded.insert(row.node)
      open(row.node, focusPane: true, &state)
    case .extra(.questions):
      open(row.node, focusPane: false, &state)
      openQuestions(&state)
    case .extra:
      if row.hasChildren {
        if row.isExpanded { state.expanded.remove(row.node) } else { state.expanded.insert(row.node) }
      }
      open(row.node, focusPane: !row.hasChildren, &state)
    }
  case .switchPane:
    if state.openedNode == nil, let row = current {
      open(row.node, focusPane: true, &state)
    } else {
      state.diagnosisFocus = .pane
    }
  case .back: state.screen = .probes
  default: break
  }
  return []
}

private func open(_ node: TreeNodeID, focusPane: Bool, _ state: inout AppState) {
  if state.openedNode != node { state.paneScroll = 0 }
  state.openedNode = node
  if focusPane { state.diagnosisFocus = .pane }
}

func treeArea(_ state: AppState) -> Rect {
  ScreenLayout(size: state.size).diagnosisAreas(treeRowCount: state.treeRows.count).tree
}

func paneArea(_ state: AppState) -> Rect {
  ScreenLayout(size: state.size).diagnosisAreas(treeRowCount: state.treeRows.count).pane
}

// MARK: 6. Export

private func openExport(_ state: inout AppState) {
  guard state.report != nil else {
    state.status = StatusMessage(text: UIText.exportNeedsReport(state.language), kind: .error)
    return
  }
  state.overlay = .exportFormat
}

private func exportAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  switch (state.overlay, action) {
  case (.exportFormat, .chooseMarkdown), (.exportFormat, .chooseJSON):
    let format: ExportFormat = action == .chooseJSON ? .json : .markdown
    state.exportPathField.set(defaultExportPath(state, format: format))
    state.overlay = .exportPath(format)
  case (.exportPath(let format), .submit):
    let path = state.exportPathField.text.trimmingCharacters(in: .whitespaces)
    guard !path.isEmpty else { return [] }
    state.overlay = nil
    state.status = StatusMessage(text: "\(UIText.exportWriting(state.language)) \(path)", kind: .info)
    return [.export(format: format, path: path)]
  default: break
  }
  return []
}

// MARK: Scrolling

/// Keeps every cursor inside its list and every list scrolled so its cursor shows, for the current size.
private func normalizeScrolling(_ state: inout AppState) {
  let layout = ScreenLayout(size: state.size)
  let symptoms = state.visibleSymptoms.count
  state.symptomCursor = clamp(state.symptomCursor, count: symptoms)
  state.symptomScroll = scrollToShow(
    cursor: state.symptomCursor, scroll: state.symptomScroll, height: layout.symptomList.height, count: symptoms)
  state.probeCursor = clamp(state.probeCursor, count: state.probeRows.count)
  state.probeScroll = scrollToShow(
    cursor: state.probeCursor, scroll: state.probeScroll, height: layout.probeTable.height, count: state.probeRows.count
  )
  let rows = state.treeRows.count
  state.treeCursor = clamp(state.treeCursor, count: rows)
  state.treeScroll = scrollToShow(
    cursor: state.treeCursor, scroll: state.treeScroll, height: treeArea(state).height, count: rows)
  let pane = paneArea(state)
  let paneLines = state.paneLines(width: pane.width).count
  state.paneScroll = max(0, min(state.paneScroll, paneLines - pane.height))
}

private func clamp(_ value: Int, count: Int) -> Int { max(0, min(value, count - 1)) }
