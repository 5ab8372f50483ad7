import DoctorCore

// The overlays of the Azure questions and of running a command: questions, pick a command, confirm it, its output.

/// The box of the command output overlay, inside its border (shared by `view` and `update`'s scroll clamping).
func commandOutputArea(_ size: Size) -> Rect {
  let (w, h) = (min(size.width - 4, 100), size.height - 4)
  let outer = Rect(x: (size.width - w) / 2, y: (size.height - h) / 2, width: w, height: h)
  return Rect(x: outer.x + 2, y: outer.y + 1, width: outer.width - 4, height: outer.height - 2)
}

private func overlayWidth(_ buffer: ScreenBuffer) -> Int { min(buffer.size.width - 4, 100) }

func drawQuestionsOverlay(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let lang = state.language
  let ascii = state.config.asciiOnly
  let width = overlayWidth(buffer) - 4
  let questions = state.azureQuestions
  var lines: [PaneLine] = []
  var firstLine: [Int] = []
  // A blank line between questions when they all fit with it; none when space is short.
  let roomy = questionLineCount(state, width: width, spaced: true) + 2 <= buffer.size.height - 4
  for text in wrap(UIText.questionsIntro(lang), width: width) { lines.append(PaneLine(text: text, style: .plain)) }
  for (n, id) in questions.enumerated() {
    if roomy || n == 0 { lines.append(PaneLine(text: "", style: .plain)) }
    firstLine.append(lines.count)
    let answer = state.questions.draft[id] ?? .unknown
    let selected = n == state.questions.list.cursor
    let style = selected ? Style.selected : .bold
    let tag = "[\(state.answerName(answer))]"
    for (i, text) in wrap("\(n + 1). \(AzureQuestions.text(id)(lang)) \(tag)", width: width - 2).enumerated() {
      lines.append(PaneLine(text: (i == 0 ? (selected ? "> " : "  ") : "  ") + text, style: style))
    }
    for (i, text) in wrap(state.questionCommand(id), width: width - 4).enumerated() {
      lines.append(PaneLine(text: (i == 0 ? "  $ " : "    ") + text, style: .fg(.ok)))
    }
  }
  let height = min(buffer.size.height - 4, lines.count + 2)
  let inner = drawBox(
    &buffer, width: overlayWidth(buffer), height: height, title: UIText.questionsTitle(lang), ascii: ascii)
  // Scroll so the question under the cursor shows, whole when it can.
  var top = 0
  if firstLine.indices.contains(state.questions.list.cursor) {
    let start = firstLine[state.questions.list.cursor]
    let end =
      state.questions.list.cursor + 1 < firstLine.count ? firstLine[state.questions.list.cursor + 1] - 1 : lines.count
    if end > inner.height { top = min(start, end - inner.height) }
  }
  for row in 0..<inner.height {
    let index = top + row
    guard lines.indices.contains(index) else { break }
    let line = lines[index]
    if line.style == .selected { buffer.fill(x: inner.x, y: inner.y + row, width: inner.width, style: .selected) }
    buffer.put(line.text, x: inner.x, y: inner.y + row, style: line.style, maxWidth: inner.width)
  }
}

/// How many lines the questions take (intro, each question with its answer and command).
private func questionLineCount(_ state: AppState, width: Int, spaced: Bool) -> Int {
  let lang = state.language
  var count = wrap(UIText.questionsIntro(lang), width: width).count
  for (n, id) in state.azureQuestions.enumerated() {
    let tag = "[\(state.answerName(state.questions.draft[id] ?? .unknown))]"
    count +=
      (spaced || n == 0 ? 1 : 0) + wrap("\(n + 1). \(AzureQuestions.text(id)(lang)) \(tag)", width: width - 2).count
    count += wrap(state.questionCommand(id), width: width - 4).count
  }
  return count
}

func drawPickCommandOverlay(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let choices = state.commands.choices
  let inner = drawBox(
    &buffer, width: overlayWidth(buffer), height: min(buffer.size.height - 4, choices.count + 4),
    title: UIText.pickCommandTitle(state.language), ascii: state.config.asciiOnly)
  let hint = UIText.pickCommandHint(state.language)
  buffer.put(
    state.config.asciiOnly ? asciiKeyLabel(hint) : hint, x: inner.x, y: inner.y, style: .dim, maxWidth: inner.width)
  for (n, command) in choices.enumerated() where n < inner.height - 2 {
    let y = inner.y + 2 + n
    let selected = n == state.commands.picker.cursor
    if selected { buffer.fill(x: inner.x, y: y, width: inner.width, style: .selected) }
    let text = truncate("$ \(command)", width: inner.width - 2, ascii: state.config.asciiOnly)
    buffer.put((selected ? "> " : "  ") + text, x: inner.x, y: y, style: selected ? .selected : .fg(.ok))
  }
}

func drawConfirmCommandOverlay(_ buffer: inout ScreenBuffer, _ state: AppState, _ pending: PendingCommand) {
  let lang = state.language
  let width = overlayWidth(buffer) - 4
  var lines: [PaneLine] = []
  func add(_ text: String, _ style: Style = .plain) {
    for l in wrap(text, width: width) { lines.append(PaneLine(text: l, style: style)) }
  }
  if pending.changesSomething {
    add(UIText.confirmChanges(lang), .fg(.warning, bold: true))
  } else {
    add(UIText.confirmReadsOnly(lang), .bold)
  }
  lines.append(PaneLine(text: "", style: .plain))
  // The exact line, hard-wrapped and never truncated: what the user approves is what runs.
  for (i, l) in wrap(pending.display, width: width - 2).enumerated() {
    lines.append(PaneLine(text: (i == 0 ? "$ " : "  ") + l, style: .fg(.ok, bold: true)))
  }
  lines.append(PaneLine(text: "", style: .plain))
  switch pending.argv {
  case .success:
    add(UIText.confirmHow(lang), .dim)
    add(UIText.confirmQuestion(lang), .bold)
  case .failure(let refusal):
    add("\(UIText.refused(lang)) \(refusalText(refusal, lang))", .fg(.error, bold: true))
    add(UIText.runByHand(lang), .bold)
  }
  let inner = drawBox(
    &buffer, width: overlayWidth(buffer), height: min(buffer.size.height - 4, lines.count + 2),
    title: UIText.confirmTitle(lang), ascii: state.config.asciiOnly)
  for (row, line) in lines.enumerated() where row < inner.height {
    buffer.put(line.text, x: inner.x, y: inner.y + row, style: line.style, maxWidth: inner.width)
  }
}

func drawCommandOutputOverlay(_ buffer: inout ScreenBuffer, _ state: AppState) {
  let area = commandOutputArea(buffer.size)
  let inner = drawBox(
    &buffer, width: area.width + 4, height: area.height + 2, title: UIText.outputTitle(state.language),
    ascii: state.config.asciiOnly)
  let lines = state.commandOutputLines(width: inner.width)
  let visible = inner.height - 1
  let output = state.commands.output
  for (row, index) in output.visible(lineCount: lines.count, height: visible).enumerated() {
    buffer.put(lines[index].text, x: inner.x, y: inner.y + row, style: lines[index].style, maxWidth: inner.width)
  }
  if lines.count > visible {
    let more = output.position(lineCount: lines.count, height: visible)
    buffer.put(more, x: inner.maxX - displayWidth(of: more), y: inner.maxY - 1, style: .dim)
  }
}
