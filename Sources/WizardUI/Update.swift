import DoctorCore
import FoundationEssentials

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
    if let i = state.probes.rows.firstIndex(where: { $0.id == id }) {
      state.probes.rows[i] = row
    } else {
      state.probes.rows.append(row)
    }
  case .probeFinished(let run, let result):
    guard run == state.run, state.runPhase == .running else { return [] }
    record(ProbeDescriber.describe(result, in: state.language), in: &state)
  case .likelyConclusion(let run, let conclusion, let until):
    guard run == state.run, state.runPhase == .running else { return [] }
    state.probes.likely = (conclusion, until)
  case .reportReady(let run, let report):
    guard run == state.run, state.runPhase == .running else { return [] }
    for result in report.probes { record(result, in: &state) }
    state.report = report
    state.probes.likely = nil
    state.runPhase = .done
    azureReportArrived(&state)
    showLikelyPath(&state)
  case .tick:
    guard state.runPhase == .running else { return [] }
    state.probes.spinnerFrame &+= 1
    return []  // only the spinner turns: nothing derived changes
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
  case .watchLooked(let id, let look):
    state.watchLooked(id, look)
  case .watchEnded(let id):
    state.watchEnded(id)
  }
  state.refreshDerived()
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
  case .watch, .stopWatch:
    return state.toggleWatch()
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
  case .confirmQuit, .help, .tooSmall, .watching: return []
  }
}

/// Quit: cancel a running diagnosis first, then leave.
private func finish(_ state: inout AppState) -> [Effect] {
  let wasRunning = state.runPhase == .running
  if wasRunning { cancelRun(&state) }
  let watchEffects = state.stopWatch()
  state.overlay = nil
  state.finished = true
  return (wasRunning ? [.cancelDiagnosis] : []) + watchEffects + [.quit]
}

private func editFocusedField(_ state: inout AppState, _ key: Key) {
  switch state.keyContext {
  case .registryForm:
    if state.registryForm.focus == .registry {
      state.registryForm.field.handle(key)
    } else {
      state.registryForm.regions.handle(key)
    }
    state.registryForm.error = nil
  case .symptomFilter:
    if state.symptoms.filterField.handle(key) { state.symptoms.list.home() }
  case .symptomError: state.symptoms.errorField.handle(key)
  case .exportPath: state.exportPathField.handle(key)
  default: break
  }
}

// MARK: 1. Registry

private func registryAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  switch action {
  case .nextField, .previousField:
    state.registryForm.focus = state.registryForm.focus == .registry ? .regions : .registry
  case .submit:
    let registry = state.registryForm.field.text.trimmingSpaces
    guard !registry.isEmpty else {
      state.registryForm.error = UIText.registryEmpty(state.language)
      return []
    }
    let extras = state.registryForm.regions.text.split(separator: ",").map { $0.trimmingSpaces }
      .filter { !$0.isEmpty }
    switch state.config.validateRegistry(registry, extras) {
    case .success(let target):
      state.target = target
      state.registryForm.error = nil
      state.screen = .symptoms
      state.symptoms.focus = .list
    case .failure(let error):
      state.registryForm.error = error.message
    }
  default: break
  }
  return []
}

// MARK: 2. Symptoms

private func symptomAction(_ action: Action, in context: KeyContext, _ state: inout AppState) -> [Effect] {
  let visible = state.visibleSymptoms
  if state.symptoms.list.move(action, page: ScreenLayout(size: state.size).symptomList.height - 1) { return [] }
  switch (context, action) {
  case (.symptomList, .toggle):
    guard visible.indices.contains(state.symptoms.list.cursor) else { break }
    let id = visible[state.symptoms.list.cursor].id
    if state.symptoms.selected.contains(id) {
      state.symptoms.selected.remove(id)
    } else {
      state.symptoms.selected.insert(id)
    }
  case (.symptomList, .startFilter): state.symptoms.focus = .filter
  case (.symptomList, .focusErrorField): state.symptoms.focus = .error
  case (.symptomList, .submit): return startDiagnosis(&state)
  case (.symptomList, .back): state.screen = .registry
  case (.symptomFilter, .submit): state.symptoms.focus = .list
  case (.symptomFilter, .cancelField):
    state.symptoms.filterField.set("")
    state.symptoms.focus = .list
  case (.symptomError, .submit):
    matchErrorText(&state)
    state.symptoms.focus = .list
  case (.symptomError, .cancelField):
    state.symptoms.errorField.set(state.symptoms.matchedErrorText ?? "")
    state.symptoms.focus = .list
  default: break
  }
  return []
}

private func matchErrorText(_ state: inout AppState) {
  let text = state.symptoms.errorField.text.trimmingSpaces
  state.symptoms.matchedErrorText = text.isEmpty ? nil : text
  guard !text.isEmpty else { return }
  let matched = state.config.matchError(text).sorted()
  state.symptoms.selected.formUnion(matched)
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
    run: state.run, registry: target, symptoms: state.symptoms.selected.sorted(),
    errorText: state.symptoms.matchedErrorText,
    language: state.language)
  state.lastRequest = request
  state.runPhase = .running
  let spinner = state.probes.spinnerFrame  // the spinner turns on across runs
  state.probes = ProbesScreen()
  state.probes.spinnerFrame = spinner
  state.report = nil
  state.baseReport = nil
  state.diagnosis = DiagnosisScreen()
  state.watch = nil
  state.overlay = nil
  state.status = nil
  state.screen = .probes
  return [.startDiagnosis(request)]
}

/// Stops listening to the current run: its rows show as cancelled, its late events are ignored.
private func cancelRun(_ state: inout AppState) {
  state.runPhase = .cancelled
  state.run += 1
  for i in state.probes.rows.indices {
    if case .running = state.probes.rows[i].status { state.probes.rows[i].status = .cancelled }
  }
}

private func rerun(_ state: inout AppState) -> [Effect] {
  let wasRunning = state.runPhase == .running
  if wasRunning { cancelRun(&state) }
  return (wasRunning ? [.cancelDiagnosis] : []) + startDiagnosis(&state)
}

private func probesAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  if state.probes.list.move(action, page: ScreenLayout(size: state.size).probeTable.height - 1) { return [] }
  switch action {
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

private func record(_ result: DescribedProbe, in state: inout AppState) {
  if let i = state.probes.rows.firstIndex(where: { $0.id == result.id }) {
    state.probes.rows[i].status = .finished(result)
  } else {
    // A result that came with another (no row started for it) goes under that one's row and its earlier children.
    let row = ProbeRow(id: result.id, title: result.id.rawValue, target: result.target, status: .finished(result))
    let rows = state.probes.rows
    if let parent = result.parentID, let p = rows.firstIndex(where: { $0.id == parent }) {
      let end = rows[(p + 1)...].firstIndex { $0.result?.parentID != parent } ?? rows.endIndex
      state.probes.rows.insert(row, at: end)
    } else {
      state.probes.rows.append(row)
    }
  }
}

/// Opens the tree along the conclusion: its cause and finding expanded, the cursor and the pane on the finding.
func showLikelyPath(_ state: inout AppState) {
  guard let report = state.report else { return }
  state.diagnosis.expanded = [.cause(report.conclusion.cause)]
  if let likely = state.likelyFindingIndex {
    state.diagnosis.expanded.insert(.finding(likely))
    state.diagnosis.openedNode = .finding(likely)
  } else {
    state.diagnosis.openedNode = .cause(report.conclusion.cause)
  }
  state.refreshDerived()
  state.diagnosis.tree = ListState()
  state.diagnosis.tree.cursor = state.treeRows.firstIndex { $0.node == state.diagnosis.openedNode } ?? 0
  state.diagnosis.pane.top()
  state.diagnosis.focus = .tree
}

// MARK: 4-5. Decision tree and drill-down pane

private func diagnosisAction(_ action: Action, in context: KeyContext, _ state: inout AppState) -> [Effect] {
  if action == .rerun { return rerun(&state) }
  if action == .export {
    openExport(&state)
    return []
  }
  if context == .pane {
    if state.diagnosis.pane.scroll(action, page: paneArea(state).height - 1) { return [] }
    if action == .switchPane || action == .back { state.diagnosis.focus = .tree }
    return []
  }
  let rows = state.treeRows
  if state.diagnosis.tree.move(action, page: treeArea(state).height - 1) { return [] }
  let current = rows.indices.contains(state.diagnosis.tree.cursor) ? rows[state.diagnosis.tree.cursor] : nil
  switch action {
  case .expand:
    guard let row = current else { break }
    if !row.hasChildren {
      if row.node.opensOnExpand { open(row.node, focusPane: true, &state) }
    } else if row.isExpanded {
      state.diagnosis.tree.cursor += 1  // already open: step to the first child
    } else {
      state.diagnosis.expanded.insert(row.node)
    }
  case .collapse:
    guard let row = current else { break }
    if row.isExpanded {
      state.diagnosis.expanded.remove(row.node)
    } else if let parent = state.parent(of: row.node), let index = rows.firstIndex(where: { $0.node == parent }) {
      state.diagnosis.tree.cursor = index
    }
  case .activate:
    guard let row = current else { break }
    switch row.node {
    case .cause:
      if row.hasChildren { state.diagnosis.toggle(row.node) }
      open(row.node, focusPane: false, &state)
    case .finding, .remedy:
      state.diagnosis.expanded.insert(row.node)
      open(row.node, focusPane: true, &state)
    case .extra(.questions):
      open(row.node, focusPane: false, &state)
      openQuestions(&state)
    case .extra:
      if row.hasChildren { state.diagnosis.toggle(row.node) }
      open(row.node, focusPane: !row.hasChildren, &state)
    }
  case .switchPane:
    if state.diagnosis.openedNode == nil, let row = current {
      open(row.node, focusPane: true, &state)
    } else {
      state.diagnosis.focus = .pane
    }
  case .back: state.screen = .probes
  default: break
  }
  return []
}

private func open(_ node: TreeNodeID, focusPane: Bool, _ state: inout AppState) {
  state.watch = nil  // the watch is over (a watch in progress takes the keys): the pane shows the node again
  if state.diagnosis.openedNode != node { state.diagnosis.pane.top() }
  state.diagnosis.openedNode = node
  if focusPane { state.diagnosis.focus = .pane }
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
    let path = state.exportPathField.text.trimmingSpaces
    guard !path.isEmpty, let report = state.report else { return [] }
    state.overlay = nil
    state.status = StatusMessage(text: "\(UIText.exportWriting(state.language)) \(path)", kind: .info)
    return [.export(ExportJob(format: format, path: path, report: report))]
  default: break
  }
  return []
}

// MARK: Scrolling

/// Keeps every cursor inside its list and every list scrolled so its cursor shows, for the current size.
private func normalizeScrolling(_ state: inout AppState) {
  let layout = ScreenLayout(size: state.size)
  state.symptoms.list.clamp(count: state.visibleSymptoms.count, height: layout.symptomList.height)
  state.probes.list.clamp(count: state.probes.rows.count, height: layout.probeTable.height)
  state.diagnosis.tree.clamp(count: state.treeRows.count, height: treeArea(state).height)
  let pane = paneArea(state)
  state.diagnosis.pane.clamp(lineCount: state.currentPaneLines(width: pane.width).count, height: pane.height)
}
