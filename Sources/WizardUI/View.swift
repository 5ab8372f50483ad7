import DoctorCore

/// Draws the whole screen for a state. Pure: the same state and size always give the same buffer.
public func view(_ state: AppState, size: Size) -> ScreenBuffer {
  var state = state
  state.size = size
  var buffer = ScreenBuffer(size: size)
  guard size.fits(.minimum) else {
    drawTooSmall(&buffer, state)
    return buffer
  }
  let layout = ScreenLayout(size: size)
  drawStepBar(&buffer, state)
  switch state.screen {
  case .registry: drawRegistry(&buffer, state, layout)
  case .symptoms: drawSymptoms(&buffer, state, layout)
  case .probes: drawProbes(&buffer, state, layout)
  case .diagnosis: drawDiagnosis(&buffer, state, layout)
  }
  drawStatus(&buffer, state, layout)
  drawHelpBar(&buffer, state, layout)
  switch state.overlay {
  case .help: drawHelpOverlay(&buffer, state)
  case .confirmQuit: drawConfirmQuit(&buffer, state)
  case .exportFormat, .exportPath: drawExportOverlay(&buffer, state)
  case .azureQuestions: drawQuestionsOverlay(&buffer, state)
  case .pickCommand: drawPickCommandOverlay(&buffer, state)
  case .confirmCommand(let pending): drawConfirmCommandOverlay(&buffer, state, pending)
  case .commandOutput: drawCommandOutputOverlay(&buffer, state)
  case nil: break
  }
  return buffer
}

private func drawTooSmall(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let size = buffer.size
  let notice = wrap(UIText.tooSmall(state.language), width: size.width)
  let lines = notice + ["(\(size.width)x\(size.height))"] + wrap(UIText.tooSmallHint(state.language), width: size.width)
  let top = max(0, (size.height - lines.count) / 2)
  for (i, line) in lines.enumerated() {
    let x = max(0, (size.width - displayWidth(of: line)) / 2)
    buffer.put(line, x: x, y: top + i, style: i < notice.count ? .fg(.warning, bold: true) : .plain)
  }
}

/// Row 0: `regdoctor  Registry › Symptoms › Probes › Diagnosis` with the current step bold, the registry right.
private func drawStepBar(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let width = buffer.size.width
  let bar = Style(fg: .header, reverse: true)
  buffer.fill(x: 0, y: 0, width: width, style: bar)
  var x = 1
  x += buffer.put(UIText.appName(state.language), x: x, y: 0, style: Style(fg: .header, bold: true, reverse: true))
  x += 2
  let steps = [UIText.stepRegistry, UIText.stepSymptoms, UIText.stepProbes, UIText.stepDiagnosis]
  let separator = " \(Glyphs(ascii: state.config.asciiOnly).separator) "
  for (i, step) in steps.enumerated() {
    if i > 0 { x += buffer.put(separator, x: x, y: 0, style: bar) }
    let current = i == state.screen.rawValue
    let style = Style(fg: .header, bold: current, reverse: true, dim: !current && i > state.screen.rawValue)
    x += buffer.put(current ? "[\(step(state.language))]" : step(state.language), x: x, y: 0, style: style)
  }
  if let target = state.target {
    let server = truncate(target.loginServer, width: max(0, width - x - 3), ascii: state.config.asciiOnly)
    buffer.put(server, x: width - displayWidth(of: server) - 1, y: 0, style: bar)
  }
}

private func drawStatus(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  guard let status = state.status else { return }
  let style: Style
  switch status.kind {
  case .info: style = .plain
  case .success: style = .fg(.ok, bold: true)
  case .error: style = .fg(.error, bold: true)
  }
  buffer.put(
    truncate(status.text, width: layout.size.width - 2, ascii: state.config.asciiOnly), x: 1, y: layout.statusRow,
    style: style)
}

/// The help bar: the key map's items for the current context, as many as fit.
private func drawHelpBar(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: ScreenLayout) {
  let y = layout.helpRow
  buffer.fill(x: 0, y: y, width: layout.size.width, style: Style(reverse: true))
  var items = state.keyMap.barItems(in: state.keyContext, language: state.language, available: state.isAvailable)
  // `?` always shows, last, so the full list stays one key away even when the bar is cut short.
  let helpItem = items.firstIndex { $0.keys == "?" }.map { items.remove(at: $0) }
  let itemWidth = { (item: (keys: String, label: String)) in
    displayWidth(of: state.config.asciiOnly ? asciiKeyLabel(item.keys) : item.keys) + 1 + displayWidth(of: item.label)
      + 2
  }
  let limit = layout.size.width - 1 - (helpItem.map(itemWidth) ?? 0)
  var x = 1
  for item in items {
    if x + itemWidth(item) - 2 > limit { break }
    x = drawBarItem(&buffer, item, x: x, y: y, ascii: state.config.asciiOnly)
  }
  if let helpItem { drawBarItem(&buffer, helpItem, x: x, y: y, ascii: state.config.asciiOnly) }
}

@discardableResult
private func drawBarItem(
  _ buffer: inout ScreenBuffer, _ item: (keys: String, label: String), x: Int, y: Int, ascii: Bool
) -> Int {
  var x = x
  x += buffer.put(ascii ? asciiKeyLabel(item.keys) : item.keys, x: x, y: y, style: Style(bold: true, reverse: true))
  x += 1
  x += buffer.put(item.label, x: x, y: y, style: Style(reverse: true))
  return x + 2
}

// MARK: Overlays

/// A bordered box centred on screen, its inside cleared; returns the inner rectangle.
@discardableResult
func drawBox(_ buffer: inout ScreenBuffer, width: Int, height: Int, title: String, ascii: Bool) -> Rect {
  let size = buffer.size
  let w = min(width, size.width - 2)
  let h = min(height, size.height - 2)
  let x = (size.width - w) / 2
  let y = (size.height - h) / 2
  let (h1, v, tl, tr, bl, br) = ascii ? ("-", "|", "+", "+", "+", "+") : ("─", "│", "┌", "┐", "└", "┘")
  let border = Style(fg: .accent, bold: true)
  for row in y..<(y + h) { buffer.fill(x: x, y: row, width: w, style: .plain) }
  buffer.put(tl + String(repeating: h1, count: max(0, w - 2)) + tr, x: x, y: y, style: border)
  buffer.put(bl + String(repeating: h1, count: max(0, w - 2)) + br, x: x, y: y + h - 1, style: border)
  for row in (y + 1)..<(y + h - 1) {
    buffer.put(v, x: x, y: row, style: border)
    buffer.put(v, x: x + w - 1, y: row, style: border)
  }
  buffer.put(" \(truncate(title, width: w - 6, ascii: ascii)) ", x: x + 2, y: y, style: border)
  return Rect(x: x + 2, y: y + 1, width: w - 4, height: h - 2)
}

private func drawHelpOverlay(_ buffer: inout ScreenBuffer, _ state: AppState) {
  var underneath = state
  underneath.overlay = nil
  let bindings = state.keyMap.bindings(in: underneath.keyContext).filter { underneath.isAvailable($0.action) }
  let ascii = state.config.asciiOnly
  let labels = bindings.map { ascii ? asciiKeyLabel($0.keyLabel) : $0.keyLabel }
  let keyWidth = min(16, (labels.map { displayWidth(of: $0) }.max() ?? 0) + 2)
  let inner = drawBox(
    &buffer, width: 56, height: bindings.count + 4, title: "\(UIText.helpTitle(state.language)) (?)", ascii: ascii)
  for (i, binding) in bindings.enumerated() where i < inner.height - 1 {
    let y = inner.y + 1 + i
    buffer.put(labels[i], x: inner.x, y: y, style: .bold, maxWidth: keyWidth)
    buffer.put(binding.help(state.language), x: inner.x + keyWidth, y: y, maxWidth: inner.width - keyWidth)
  }
}

private func drawConfirmQuit(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let inner = drawBox(
    &buffer, width: 48, height: 6, title: UIText.keyQuit(state.language), ascii: state.config.asciiOnly)
  buffer.put(
    UIText.confirmQuitTitle(state.language), x: inner.x, y: inner.y + 1, style: .fg(.warning, bold: true),
    maxWidth: inner.width)
  buffer.put(
    UIText.confirmQuitQuestion(state.language), x: inner.x, y: inner.y + 2, style: .bold, maxWidth: inner.width)
}

private func drawExportOverlay(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let width = min(buffer.size.width - 4, 76)
  let inner = drawBox(
    &buffer, width: width, height: 7, title: UIText.exportTitle(state.language), ascii: state.config.asciiOnly)
  buffer.put(UIText.exportChoose(state.language), x: inner.x, y: inner.y + 1, style: .bold, maxWidth: inner.width)
  if case .exportPath(let format) = state.overlay {
    let name = format == .json ? "JSON" : "Markdown"
    let label = state.language == .ja ? "\(UIText.exportPath(.ja))（\(name)）:" : "\(UIText.exportPath(.en)) (\(name)):"
    buffer.put(label, x: inner.x, y: inner.y + 2, maxWidth: inner.width)
    drawField(&buffer, state.exportPathField, x: inner.x, y: inner.y + 3, width: inner.width, focused: true)
  }
}

// MARK: Widgets

/// A one-line text field: `[text  ]`, scrolled so the cursor shows; the cursor is a reversed cell when focused.
func drawField(
  _ buffer: inout ScreenBuffer, _ field: TextField, x: Int, y: Int, width: Int, focused: Bool, placeholder: String = ""
) {
  let inner = max(1, width - 2)
  let frame = focused ? Style(fg: .accent, bold: true) : Style(fg: .muted)
  buffer.put("[", x: x, y: y, style: frame)
  buffer.put("]", x: x + inner + 1, y: y, style: frame)
  let characters = Array(field.text)
  // Start far enough right that the text up to the cursor, plus the cursor cell, fits.
  var start = 0
  var widthToCursor = characters[0..<field.cursor].reduce(0) { $0 + displayWidth(of: $1) }
  while widthToCursor + 1 > inner, start < field.cursor {
    widthToCursor -= displayWidth(of: characters[start])
    start += 1
  }
  let visible = String(characters[start...])
  if visible.isEmpty, !focused {
    buffer.put(placeholder, x: x + 1, y: y, style: .dim, maxWidth: inner)
  } else {
    buffer.put(visible, x: x + 1, y: y, style: .plain, maxWidth: inner)
  }
  guard focused else { return }
  let cursorX = x + 1 + widthToCursor
  let under = field.cursor < characters.count ? String(characters[field.cursor]) : " "
  if cursorX + displayWidth(of: under) <= x + 1 + inner {
    buffer.put(under, x: cursorX, y: y, style: Style(reverse: true))
  }
}
