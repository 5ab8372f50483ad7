import DoctorCore

// Running a remedy's command from the wizard: `!` on a remedy picks one of its commands, a confirmation overlay shows
// exactly that line, and only `y` emits `.runCommand`. Lines that need a shell are refused there ("run this by
// hand"). The output comes back as `.commandFinished` and is shown, redacted and capped, in an overlay pane.

/// A command waiting for the user's yes: the line shown, and the argv it becomes (or why it cannot run here).
public struct PendingCommand: Sendable, Equatable {
  public var display: String
  public var changesSomething: Bool
  public var argv: Result<[String], CommandRefusal>
  public init(display: String, changesSomething: Bool) {
    self.display = display
    self.changesSomething = changesSomething
    self.argv = CommandWords.split(display)
  }
}

/// What a command run from the wizard printed.
public struct CommandResult: Sendable, Equatable {
  public var display: String
  /// Nil when the command did not end by itself (time limit, launch failure).
  public var exitCode: Int32?
  public var output: String
}

public struct CommandsState: Sendable, Equatable {
  /// The commands `!` offered, when the remedy has more than one.
  public var choices: [String] = []
  public var changesSomething = false
  public var picker = ListState()
  /// The line running now (one at a time).
  public var running: String?
  public var result: CommandResult?
  public var output = Viewport()
  public init() {}
}

/// Output kept for display: enough to read, bounded in memory.
let commandOutputCap = 64 * 1024

extension AppState {
  /// The remedy at the keyboard focus on the decision tree: the cursor's row, or the node open in the pane.
  var remedyAtFocus: Remedy? {
    guard screen == .diagnosis else { return nil }
    let node: TreeNodeID?
    if diagnosis.focus == .pane {
      node = diagnosis.openedNode
    } else {
      let rows = treeRows
      node = rows.indices.contains(diagnosis.tree.cursor) ? rows[diagnosis.tree.cursor].node : nil
    }
    switch node {
    case .remedy(let f, let i):
      guard let report, report.findings.indices.contains(f), report.findings[f].remedies.indices.contains(i)
      else { return nil }
      return report.findings[f].remedies[i]
    case .extra(let extra): return extraRemedy(extra)
    default: return nil
    }
  }
}

/// `!`: offer the focused remedy's commands (straight to the confirmation when there is one).
func beginCommand(_ state: inout AppState) {
  guard let remedy = state.remedyAtFocus, !remedy.commands.isEmpty else { return }
  guard state.commands.running == nil else {
    state.status = StatusMessage(text: UIText.commandStillRunning(state.language), kind: .error)
    return
  }
  state.commands.changesSomething = remedy.changesSomething
  if remedy.commands.count == 1 {
    state.overlay = .confirmCommand(
      PendingCommand(display: remedy.commands[0], changesSomething: remedy.changesSomething))
  } else {
    state.commands.choices = remedy.commands
    state.commands.picker.cursor = 0
    state.overlay = .pickCommand
  }
}

func commandAction(_ action: Action, _ state: inout AppState) -> [Effect] {
  switch (state.overlay, action) {
  case (.pickCommand, .moveUp), (.pickCommand, .moveDown):
    state.commands.picker.move(action, page: 1)
  case (.pickCommand, .submit):
    let choices = state.commands.choices
    guard choices.indices.contains(state.commands.picker.cursor) else { return [] }
    state.overlay = .confirmCommand(
      PendingCommand(display: choices[state.commands.picker.cursor], changesSomething: state.commands.changesSomething))
  case (.confirmCommand(let pending), .approveCommand):
    // A refused line stays on screen with its reason: there is nothing to approve.
    guard case .success(let argv) = pending.argv else { return [] }
    state.commands.running = pending.display
    state.commands.result = nil
    state.commands.output.top()
    state.overlay = .commandOutput
    return [.runCommand(argv: argv, display: pending.display)]
  case (.commandOutput, _):
    state.commands.output.scroll(action, page: commandOutputArea(state.size).height - 2)
  default: break
  }
  state.commands.picker.clamp(count: state.commands.choices.count, height: 0)
  clampOutputScroll(&state)
  return []
}

func commandFinished(_ state: inout AppState, display: String, exitCode: Int32?, output: String) {
  state.commands.running = nil
  let kept = output.count > commandOutputCap ? String(output.prefix(commandOutputCap)) + "\n..." : output
  state.commands.result = CommandResult(display: display, exitCode: exitCode, output: redactSecrets(kept))
  state.commands.output.top()
  if state.overlay == nil || state.overlay == .commandOutput {
    state.overlay = .commandOutput
  } else {
    state.status = StatusMessage(text: "\(UIText.commandDone(state.language)) \(display)", kind: .info)
  }
}

func clampOutputScroll(_ state: inout AppState) {
  let area = commandOutputArea(state.size)
  let lines = state.commandOutputLines(width: area.width).count
  state.commands.output.clamp(lineCount: lines, height: area.height - 1)
}

extension AppState {
  /// The output overlay's body: the command, how it ended, then what it printed, wrapped to `width`.
  func commandOutputLines(width: Int) -> [PaneLine] {
    var out = PaneWriter(width: max(1, width), glyphs: Glyphs(ascii: config.asciiOnly))
    guard let result = commands.result else {
      if let running = commands.running {
        out.command(running)
        let running = UIText.commandRunning(language)
        out.paragraph(config.asciiOnly ? running.replacingLiteral("…", with: "...") : running, style: .dim)
      }
      return out.lines
    }
    out.command(result.display)
    if let code = result.exitCode {
      out.paragraph(
        "\(UIText.exitCode(language)) \(code)", style: code == 0 ? .fg(.ok, bold: true) : .fg(.error, bold: true))
    } else {
      out.paragraph(UIText.commandDidNotFinish(language), style: .fg(.error, bold: true))
    }
    out.paragraph("")
    let body = result.output.isEmpty ? UIText.noOutput(language) : result.output
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) { out.paragraph(String(line)) }
    return out.lines
  }
}

func refusalText(_ refusal: CommandRefusal, _ language: Language) -> String {
  switch refusal {
  case .empty: return UIText.refuseEmpty(language)
  case .tooLong: return UIText.refuseTooLong(language)
  case .controlCharacter: return UIText.refuseControl(language)
  case .unbalancedQuote: return UIText.refuseQuote(language)
  case .multipleCommands: return UIText.refuseMultiple(language)
  case .redirection: return UIText.refuseRedirection(language)
  case .expansion: return UIText.refuseExpansion(language)
  case .placeholder: return UIText.refusePlaceholder(language)
  case .environmentAssignment: return UIText.refuseEnvironment(language)
  case .sudo: return UIText.refuseSudo(language)
  }
}

/// How long a command run from the wizard may take before it is stopped (the launcher enforces it).
public let wizardCommandTimeLimitSeconds = 60
