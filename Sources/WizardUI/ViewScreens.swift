import DoctorCore

// The four screens. Each draws inside `layout.content`; the frame (step bar, status, help bar) is in View.swift.

func drawRegistry(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  let lang = state.language
  let area = layout.content
  let fieldWidth = min(area.width, 72)
  buffer.put(UIText.registryTitle(lang), x: area.x, y: area.y, style: .bold, maxWidth: area.width)
  let fields: [(label: LocalizedText, hint: LocalizedText, field: TextField, focus: RegistryFocus)] = [
    (UIText.registryLabel, UIText.registryHint, state.registryForm.field, .registry),
    (UIText.regionsLabel, UIText.regionsHint, state.registryForm.regions, .regions),
  ]
  var y = area.y + 2
  for entry in fields {
    let focused = state.registryForm.focus == entry.focus && state.overlay == nil
    buffer.put(
      entry.label(lang), x: area.x, y: y, style: focused ? .fg(.accent, bold: true) : .bold, maxWidth: area.width)
    drawField(&buffer, entry.field, x: area.x, y: y + 1, width: fieldWidth, focused: focused)
    for (i, line) in wrap(entry.hint(lang), width: area.width).prefix(2).enumerated() {
      buffer.put(line, x: area.x, y: y + 2 + i, style: .dim)
    }
    y += 5
  }
  if let error = state.registryForm.error {
    for (i, line) in wrap(error, width: area.width).prefix(3).enumerated() {
      buffer.put(line, x: area.x, y: y + i, style: .fg(.error, bold: true))
    }
  }
}

func drawSymptoms(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  let lang = state.language
  let area = layout.content
  let glyphs = Glyphs(ascii: state.config.asciiOnly)
  let count = "\(state.symptoms.selected.count) \(UIText.selectedCount(lang))"
  let countWidth = displayWidth(of: count)
  buffer.put(UIText.symptomsTitle(lang), x: area.x, y: area.y, style: .bold, maxWidth: area.width - countWidth - 2)
  buffer.put(count, x: area.maxX - countWidth, y: area.y, style: .fg(.accent))

  let list = layout.symptomList
  let visible = state.visibleSymptoms
  if visible.isEmpty {
    buffer.put(UIText.noSymptomMatches(lang), x: list.x + 2, y: list.y, style: .dim, maxWidth: list.width - 2)
  }
  let listFocused = state.symptoms.focus != .error && state.overlay == nil
  for (row, index) in state.symptoms.list.visible(count: visible.count, height: list.height).enumerated() {
    let spec = visible[index]
    let y = list.y + row
    let isCursor = index == state.symptoms.list.cursor && listFocused
    let checked = state.symptoms.selected.contains(spec.id)
    let text = "\(checked ? glyphs.checked : glyphs.unchecked) \(pad(spec.id.rawValue, width: 4))\(spec.title(lang))"
    let style = isCursor ? Style.selected : (checked ? Style.fg(.accent, bold: true) : .plain)
    drawListRow(
      &buffer, in: list, y: y, marker: isCursor ? glyphs.likely : " ", text: text, style: style, fill: isCursor,
      ascii: glyphs.ascii)
  }
  drawListPosition(
    &buffer, state.symptoms.list, count: visible.count, height: list.height, rightEdge: area.maxX, y: list.maxY)

  // Filter and error fields.
  let filterFocused = state.symptoms.focus == .filter && state.overlay == nil
  let filterLabel = "/ \(UIText.filterLabel(lang)): "
  let lx =
    area.x
    + buffer.put(filterLabel, x: area.x, y: layout.filterRow, style: filterFocused ? .fg(.accent, bold: true) : .dim)
  if filterFocused || !state.symptoms.filterField.isEmpty {
    drawField(
      &buffer, state.symptoms.filterField, x: lx, y: layout.filterRow, width: min(40, area.maxX - lx),
      focused: filterFocused)
  }
  let errorFocused = state.symptoms.focus == .error && state.overlay == nil
  buffer.put(
    "e \(UIText.errorLabel(lang)):", x: area.x, y: layout.errorRow,
    style: errorFocused ? .fg(.accent, bold: true) : .dim)
  drawField(
    &buffer, state.symptoms.errorField, x: area.x, y: layout.errorRow + 1, width: area.width, focused: errorFocused,
    placeholder: UIText.errorPlaceholder(lang))
}

func drawProbes(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  let lang = state.language
  let area = layout.content
  let glyphs = Glyphs(ascii: state.config.asciiOnly)
  let finished = state.probes.rows.filter { $0.result != nil }.count

  // Status line.
  switch state.runPhase {
  case .running, .idle:
    let running = state.config.asciiOnly ? UIText.probesRunningASCII(lang) : UIText.probesRunning(lang)
    let text = "\(glyphs.spinner(state.probes.spinnerFrame)) \(running) \(finished)/\(state.probes.rows.count)"
    buffer.put(text, x: area.x, y: area.y, style: .fg(.accent, bold: true), maxWidth: area.width)
    // The row under the status line is free while probes run: the conclusion so far, not yet confirmed.
    if let likely = state.probes.likely, likely.conclusion.finding != .noNetworkProblem {
      let line = UIText.likelyConclusion(lang, likely.conclusion.summary, untilSeconds: likely.untilSeconds)
      buffer.put(line, x: area.x + 2, y: area.y + 1, style: .fg(.warning), maxWidth: area.width - 2)
    }
  case .cancelled:
    buffer.put(
      UIText.probesCancelled(lang), x: area.x, y: area.y, style: .fg(.warning, bold: true), maxWidth: area.width)
  case .done:
    if let report = state.report {
      let style = report.hasError ? Style.fg(.error, bold: true) : Style.fg(.ok, bold: true)
      drawConclusion(
        &buffer, report, x: area.x, y: area.y, width: area.width, style: style, ascii: glyphs.ascii, lang: lang,
        elapsed: "  (\(UIText.elapsed(lang)) \(compactMs(report.elapsedMs)))")
    }
  }

  // Table: status glyph, title, what happened (the result's summary; the target while running), total time.
  let table = layout.probeTable
  let labels = state.probes.labels
  let longestTitle = labels.map { displayWidth(of: $0) }.max() ?? 0
  let titleWidth = max(12, min(longestTitle, (table.width - 2) * 34 / 100))
  let timeWidth = 6
  let summaryX = table.x + 2 + titleWidth + 1
  let summaryWidth = table.maxX - summaryX - timeWidth - 1
  if state.probes.rows.isEmpty {
    let text = state.runPhase == .running ? UIText.probesWaiting(lang) : UIText.probesNoRows(lang)
    buffer.put(text, x: table.x + 2, y: table.y, style: .dim, maxWidth: table.width - 2)
  }
  for (row, index) in state.probes.list.visible(count: state.probes.rows.count, height: table.height).enumerated() {
    let probe = state.probes.rows[index]
    let y = table.y + row
    let isCursor = index == state.probes.list.cursor && state.overlay == nil
    let (glyph, glyphStyle, what, timing): (String, Style, String, String)
    switch probe.status {
    case .running:
      (glyph, glyphStyle, what, timing) = (
        glyphs.spinner(state.probes.spinnerFrame + index), .fg(.accent), probe.target, UIText.statusRunning(lang)
      )
    case .cancelled: (glyph, glyphStyle, what, timing) = (glyphs.cancelled, .dim, probe.target, "")
    case .finished(let r):
      (glyph, glyphStyle, what, timing) = (
        glyphs.status(r.status), statusStyle(r.status, bold: true), r.summary,
        r.status == .skip ? "" : compactMs(r.durationMs)
      )
    }
    let base = isCursor ? Style.selected : Style.plain
    if isCursor { buffer.fill(x: table.x, y: y, width: table.width, style: base) }
    buffer.put(glyph, x: table.x, y: y, style: isCursor ? base : glyphStyle)
    buffer.put(truncate(labels[index], width: titleWidth, ascii: glyphs.ascii), x: table.x + 2, y: y, style: base)
    let whatStyle = isCursor || probe.result != nil ? base : Style.dim
    buffer.put(truncate(what, width: summaryWidth, ascii: glyphs.ascii), x: summaryX, y: y, style: whatStyle)
    let time = truncate(timing, width: timeWidth, ascii: glyphs.ascii)
    buffer.put(time, x: table.maxX - displayWidth(of: time), y: y, style: isCursor ? base : .dim)
  }

  // The selected probe in full: its summary (the row may have cut it), then id, target and phase timings.
  let detailY = layout.probeDetailRow
  if state.probes.rows.indices.contains(state.probes.list.cursor),
    let result = state.probes.rows[state.probes.list.cursor].result
  {
    let phases = result.phases.isEmpty ? "" : "  \(phaseSummary(result.phases))"
    let about = "\(result.id)  \(result.target)\(phases)"
    buffer.put(
      truncate(result.summary, width: area.width, ascii: glyphs.ascii), x: area.x, y: detailY,
      style: statusStyle(result.status))
    buffer.put(truncate(about, width: area.width, ascii: glyphs.ascii), x: area.x, y: detailY + 1, style: .dim)
  } else if state.runPhase == .done {
    buffer.put(UIText.pressEnterForDiagnosis(lang), x: area.x, y: detailY, style: .bold, maxWidth: area.width)
  }
}

/// One row of a list: filled across when it is the cursor's, a one-column marker, then the text cut to fit.
private func drawListRow(
  _ buffer: inout ScreenBuffer, in area: Rect, y: Int, marker: String, text: String, style: Style, fill: Bool,
  ascii: Bool
) {
  if fill { buffer.fill(x: area.x, y: y, width: area.width, style: style) }
  buffer.put(marker, x: area.x, y: y, style: style)
  buffer.put(truncate(text, width: area.width - 2, ascii: ascii), x: area.x + 2, y: y, style: style)
}

/// `3-12/40`, right-aligned at `rightEdge`, when the list is longer than its window.
private func drawListPosition(
  _ buffer: inout ScreenBuffer, _ list: ListState, count: Int, height: Int, rightEdge: Int, y: Int
) {
  guard count > height else { return }
  let more = list.position(count: count, height: height)
  buffer.put(more, x: rightEdge - displayWidth(of: more), y: y, style: .dim)
}

/// Row labels for the probe table. A result that came with another (the runner's `parentID`: the TLS probe's HTTP
/// exchange) is an indented child row named by what it measured, `└ HTTP`, and its parent's title loses `+HTTP`.
func probeLabels(_ rows: [ProbeRow]) -> [String] {
  var labels = rows.map(\.title)
  for (i, row) in rows.enumerated() {
    guard let result = row.result, let parent = result.parentID, let kind = result.facts.measured,
      let p = rows.firstIndex(where: { $0.id == parent })
    else { continue }
    labels[i] = "└ \(kind)"
    labels[p] = labels[p].replacingLiteral("+\(kind) ", with: " ")
  }
  return labels
}

extension ProbeFacts {
  /// What a probe with these facts measured, as the probe table names a child row.
  var measured: String? {
    switch self {
    case .dns: return "DNS"
    case .tcp: return "TCP"
    case .tls: return "TLS"
    case .http: return "HTTP"
    case .proxy: return "proxy"
    case .pullerPath: return "puller"
    case .resolvers: return "DNS"
    case .pull: return "pull"
    case .nameservers, .hostsFile, .dockerDaemon, .puller, .azure, .none: return nil
    }
  }
}

/// "Conclusion: …" on one line, or on two when it does not fit (the row under it is free on both screens), cut
/// with an ellipsis only after that. `elapsed` follows the text, dimmed, and is never the part that is cut.
private func drawConclusion(
  _ buffer: inout ScreenBuffer, _ report: Report, x: Int, y: Int, width: Int, style: Style, ascii: Bool,
  lang: Language, elapsed: String = ""
) {
  let summary = report.conclusion.summary.replacingLiteral("\n", with: " ")
  let text = "\(UIText.conclusion(lang)): \(summary)"
  let elapsedWidth = displayWidth(of: elapsed)
  var lines = wrap(text, width: width)
  if lines.count == 1, displayWidth(of: lines[0]) + elapsedWidth > width { lines.append("") }
  if lines.count >= 2 {
    // The rest of the text after the first line, spaces and all (joining wrapped lines would lose them).
    let rest = text.dropFirst(lines[0].count).drop { $0 == " " }
    lines = [lines[0], truncate(String(rest), width: width - elapsedWidth, ascii: ascii)]
  }
  var end = x
  for (i, line) in lines.enumerated() {
    end = x + buffer.put(line, x: x, y: y + i, style: style, maxWidth: width)
  }
  if !elapsed.isEmpty {
    buffer.put(elapsed, x: end, y: y + lines.count - 1, style: .dim, maxWidth: x + width - end)
  }
}

func drawDiagnosis(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  let lang = state.language
  let area = layout.content
  let glyphs = Glyphs(ascii: state.config.asciiOnly)
  guard let report = state.report else {
    buffer.put(UIText.noReport(lang), x: area.x, y: area.y, style: .dim)
    return
  }
  drawConclusion(
    &buffer, report, x: area.x, y: area.y, width: area.width, style: Style(fg: .likely, bold: true),
    ascii: glyphs.ascii, lang: lang)

  let rows = state.treeRows
  let areas = layout.diagnosisAreas(treeRowCount: rows.count)
  let treeTitle = state.config.asciiOnly ? UIText.treeTitleASCII(lang) : UIText.treeTitle(lang)
  let treeFocused = state.diagnosis.focus == .tree && state.overlay == nil
  buffer.put(
    treeTitle, x: areas.tree.x, y: areas.treeTitle, style: Style(fg: .accent, bold: true, dim: !treeFocused),
    maxWidth: areas.tree.width)

  // Tree rows.
  let tree = areas.tree
  for (line, index) in state.diagnosis.tree.visible(count: rows.count, height: tree.height).enumerated() {
    let row = rows[index]
    let y = tree.y + line
    let marker =
      row.hasChildren ? (row.isExpanded ? glyphs.expanded : glyphs.collapsed) : (row.depth == 2 ? glyphs.leaf : " ")
    var label = row.label
    if let severity = row.severity { label = "\(glyphs.severity(severity)) \(label)" }
    let prefix = String(repeating: "  ", count: row.depth) + marker + " "
    // "ruled out" is the point of a dimmed row: cut the title, never the suffix.
    let suffix = row.ruledOut ? (lang == .ja ? "（\(UIText.ruledOut(lang))）" : " (\(UIText.ruledOut(lang)))") : ""
    let room = tree.width - 2 - displayWidth(of: prefix) - displayWidth(of: suffix)
    let text = prefix + truncate(label, width: max(1, room), ascii: glyphs.ascii) + suffix
    var style: Style
    if row.ruledOut {
      style = .dim
    } else if row.isLikely {
      style = Style(fg: .likely, bold: true)
    } else if let severity = row.severity {
      style = severityStyle(severity)
    } else {
      style = .plain
    }
    let isCursor = index == state.diagnosis.tree.cursor
    if isCursor { style = treeFocused ? Style.selected : Style(bold: true, reverse: true, dim: true) }
    drawListRow(
      &buffer, in: tree, y: y, marker: row.isLikely ? glyphs.likely : " ", text: text, style: style, fill: isCursor,
      ascii: glyphs.ascii)
  }
  drawListPosition(
    &buffer, state.diagnosis.tree, count: rows.count, height: tree.height, rightEdge: tree.maxX, y: areas.treeTitle)

  // Divider and pane title.
  let paneFocused = (state.diagnosis.focus == .pane || state.isWatching) && state.overlay == nil
  let watching = state.watch != nil
  let lines = watching ? state.watchPaneLines(width: areas.pane.width) : state.currentPaneLines(width: areas.pane.width)
  let paneTitle = watching ? state.watchPaneTitle : paneTitleText(state)
  let titleStyle = Style(fg: .accent, bold: true, dim: !paneFocused)
  if layout.sideBySide {
    for y in areas.treeTitle..<areas.pane.maxY {
      buffer.put(glyphs.ascii ? "|" : "│", x: tree.maxX + 1, y: y, style: .dim)
    }
    buffer.put(
      paneTitle, x: areas.paneTitle.x, y: areas.paneTitle.y, style: titleStyle, maxWidth: areas.paneTitle.width)
  } else {
    let rule = glyphs.ascii ? "-" : "─"
    buffer.put(
      String(repeating: rule, count: areas.paneTitle.width), x: areas.paneTitle.x, y: areas.paneTitle.y, style: .dim)
    buffer.put(
      " \(paneTitle) ", x: areas.paneTitle.x + 2, y: areas.paneTitle.y, style: titleStyle,
      maxWidth: areas.paneTitle.width - 4)
  }
  if watching {
    // The latest look last: the timeline shows its end.
    for (line, text) in lines.suffix(areas.pane.height).enumerated() {
      buffer.put(text.text, x: areas.pane.x, y: areas.pane.y + line, style: text.style, maxWidth: areas.pane.width)
    }
    return
  }
  if lines.count > areas.pane.height {
    let more = " \(state.diagnosis.pane.position(lineCount: lines.count, height: areas.pane.height)) "
    buffer.put(more, x: areas.paneTitle.maxX - displayWidth(of: more), y: areas.paneTitle.y, style: .dim)
  }

  // Pane lines.
  for (line, index) in state.diagnosis.pane.visible(lineCount: lines.count, height: areas.pane.height).enumerated() {
    buffer.put(
      lines[index].text, x: areas.pane.x, y: areas.pane.y + line, style: lines[index].style, maxWidth: areas.pane.width)
  }
}

private func paneTitleText(_ state: AppState) -> String {
  let lang = state.language
  switch state.diagnosis.openedNode {
  case nil: return UIText.conclusion(lang)
  case .cause: return UIText.cause(lang)
  case .finding: return UIText.finding(lang)
  case .remedy: return UIText.remedy(lang)
  case .extra(let node): return state.extraPaneTitle(node)
  }
}
