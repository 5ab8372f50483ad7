import DoctorCore

/// Where the keyboard focus is: which bindings apply. Derived from AppState (`AppState.keyContext`).
public enum KeyContext: String, Sendable, CaseIterable {
  case registryForm, symptomList, symptomFilter, symptomError, probes, tree, pane
  case exportFormat, exportPath, confirmQuit, help, tooSmall
  case questions, pickCommand, confirmCommand, commandOutput
  /// The diagnosis screen while a watch runs (`w`).
  case watching

  /// Contexts where printable keys are typed into a text field rather than looked up in the key map.
  public var isTextEntry: Bool {
    switch self {
    case .registryForm, .symptomFilter, .symptomError, .exportPath: return true
    default: return false
    }
  }
}

/// What a key does; `update` performs actions, never raw keys (except text typed into a field).
public enum Action: String, Sendable, Equatable {
  case moveUp, moveDown, pageUp, pageDown, nextField, previousField
  case submit, cancelField, toggle, startFilter, focusErrorField
  case expand, collapse, activate, back, switchPane
  case rerun, cancel, export, help, quit, forceQuit
  case confirmYes, confirmNo, chooseMarkdown, chooseJSON, closeOverlay
  case openQuestions, answerYes, answerNo, answerUnknown, runCommand, approveCommand
  case watch, stopWatch
}

/// One row of the key map: the keys, what they do, where, and the help text shown for them.
public struct KeyBinding: Sendable {
  public let keys: [Key]
  /// How the keys are written in the `?` overlay (`↑ k`).
  public let keyLabel: String
  /// How the keys are written in the help bar; nil keeps the binding out of the bar (it is still in the overlay).
  public let barLabel: String?
  /// What the keys do, as the `?` overlay says it.
  public let help: LocalizedText
  /// What the bar says beside `barLabel`, where one bar item stands for two rows of the overlay ("↑↓ move" for
  /// "↑ k move up" and "↓ j move down").
  public let barHelp: LocalizedText
  public let action: Action
  public let contexts: Set<KeyContext>

  public init(
    _ keys: [Key], _ keyLabel: String, bar: String?, _ help: LocalizedText, barHelp: LocalizedText? = nil,
    _ action: Action, in contexts: Set<KeyContext>
  ) {
    self.keys = keys
    self.keyLabel = keyLabel
    self.barLabel = bar
    self.help = help
    self.barHelp = barHelp ?? help
    self.action = action
    self.contexts = contexts
  }
}

/// The single table that drives dispatch, the help bar and the `?` overlay, so help never drifts from the keys.
public struct KeyMap: Sendable {
  public let bindings: [KeyBinding]
  public init(bindings: [KeyBinding]) { self.bindings = bindings }

  public func action(for key: Key, in context: KeyContext) -> Action? {
    bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.action
  }

  public func bindings(in context: KeyContext) -> [KeyBinding] {
    bindings.filter { $0.contexts.contains(context) }
  }

  /// The help bar's items for a context: `(keys, label)` in table order.
  public func barItems(
    in context: KeyContext, language: Language, available: (Action) -> Bool = { _ in true }
  ) -> [(keys: String, label: String)] {
    bindings(in: context).filter { available($0.action) }.compactMap { b in b.barLabel.map { ($0, b.barHelp(language)) }
    }
  }
}

/// Key labels without non-ASCII arrows, for terminals that cannot show them.
public func asciiKeyLabel(_ label: String) -> String {
  label.replacingLiteral("↑↓", with: "Up/Dn").replacingLiteral("↑", with: "Up")
    .replacingLiteral("↓", with: "Dn").replacingLiteral("←", with: "Left")
    .replacingLiteral("→", with: "Right")
}

extension KeyMap {
  /// regdoctor's keys. Order is the order of the help bar and the overlay.
  public static let standard: KeyMap = {
    let lists: Set<KeyContext> = [.symptomList, .probes, .tree]
    let browsing: Set<KeyContext> = [.symptomList, .probes, .tree, .pane]
    let done: Set<KeyContext> = [.probes, .tree, .pane]
    let typing = Set(KeyContext.allCases.filter(\.isTextEntry))
    let overlayLists: Set<KeyContext> = [.questions, .pickCommand, .commandOutput]
    return KeyMap(bindings: [
      // Forms
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyNext, .submit, in: [.registryForm]),
      KeyBinding([.tab, .down], "Tab ↓", bar: "Tab", UIText.keyNextField, .nextField, in: [.registryForm]),
      KeyBinding(
        [.backTab, .up], "Shift-Tab ↑", bar: nil, UIText.keyPreviousField, .previousField, in: [.registryForm]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyStart, .submit, in: [.symptomList]),
      KeyBinding([.space], "Space", bar: "Space", UIText.keyToggle, .toggle, in: [.symptomList]),
      KeyBinding([.char("/")], "/", bar: "/", UIText.keyFilter, .startFilter, in: [.symptomList]),
      KeyBinding([.char("e")], "e", bar: "e", UIText.keyPasteError, .focusErrorField, in: [.symptomList]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyApplyFilter, .submit, in: [.symptomFilter]),
      KeyBinding([.escape], "Esc", bar: "Esc", UIText.keyClearFilter, .cancelField, in: [.symptomFilter]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyMatchError, .submit, in: [.symptomError]),
      KeyBinding([.escape], "Esc", bar: "Esc", UIText.keyCancelEdit, .cancelField, in: [.symptomError]),
      // Moving around
      KeyBinding(
        [.up, .char("k")], "↑ k", bar: "↑↓", UIText.keyUp, barHelp: UIText.keyUpOrDown, .moveUp, in: browsing),
      KeyBinding([.down, .char("j")], "↓ j", bar: nil, UIText.keyDown, .moveDown, in: browsing),
      KeyBinding([.up], "↑", bar: nil, UIText.keyUp, .moveUp, in: [.symptomFilter]),
      KeyBinding([.down], "↓", bar: nil, UIText.keyDown, .moveDown, in: [.symptomFilter]),
      KeyBinding([.pageUp], "PgUp", bar: nil, UIText.keyPageUp, .pageUp, in: browsing),
      KeyBinding([.pageDown], "PgDn", bar: nil, UIText.keyPageDown, .pageDown, in: browsing),
      KeyBinding([.right, .char("l")], "→ l", bar: "→", UIText.keyExpand, .expand, in: [.tree]),
      KeyBinding([.left, .char("h")], "← h", bar: "←", UIText.keyCollapse, .collapse, in: [.tree]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyOpen, .activate, in: [.tree]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyShowDiagnosis, .activate, in: [.probes]),
      // Watching after a fix: early in the bar, which a narrow terminal cuts short
      KeyBinding([.char("w")], "w", bar: "w", UIText.keyWatch, .watch, in: [.tree, .pane]),
      KeyBinding([.char("w"), .escape], "w Esc", bar: "w", UIText.keyStopWatch, .stopWatch, in: [.watching]),
      KeyBinding([.tab], "Tab", bar: "Tab", UIText.keySwitchPane, .switchPane, in: [.tree, .pane]),
      // Probes
      KeyBinding([.char("r")], "r", bar: "r", UIText.keyRerun, .rerun, in: done),
      KeyBinding([.char("c")], "c", bar: "c", UIText.keyCancel, .cancel, in: [.probes]),
      KeyBinding([.char("x")], "x", bar: "x", UIText.keyExport, .export, in: done),
      // The Azure side and commands
      KeyBinding([.char("a")], "a", bar: "a", UIText.keyQuestions, .openQuestions, in: done),
      KeyBinding([.char("!")], "!", bar: "!", UIText.keyRunCommand, .runCommand, in: [.tree, .pane]),
      KeyBinding([.char("y")], "y", bar: "y", UIText.keyAnswerYes, .answerYes, in: [.questions]),
      KeyBinding([.char("n")], "n", bar: "n", UIText.keyAnswerNo, .answerNo, in: [.questions]),
      KeyBinding([.char("d")], "d", bar: "d", UIText.keyAnswerUnknown, .answerUnknown, in: [.questions]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyApplyAnswers, .submit, in: [.questions]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keyChoose, .submit, in: [.pickCommand]),
      KeyBinding(
        [.up, .char("k")], "↑ k", bar: "↑↓", UIText.keyUp, barHelp: UIText.keyUpOrDown, .moveUp, in: overlayLists),
      KeyBinding([.down, .char("j")], "↓ j", bar: nil, UIText.keyDown, .moveDown, in: overlayLists),
      KeyBinding([.pageUp], "PgUp", bar: nil, UIText.keyPageUp, .pageUp, in: [.commandOutput]),
      KeyBinding([.pageDown], "PgDn", bar: nil, UIText.keyPageDown, .pageDown, in: [.commandOutput]),
      KeyBinding([.char("y")], "y", bar: "y", UIText.keyApproveRun, .approveCommand, in: [.confirmCommand]),
      KeyBinding([.char("n"), .escape], "n Esc", bar: "n", UIText.keyDontRun, .closeOverlay, in: [.confirmCommand]),
      KeyBinding(
        [.escape], "Esc", bar: "Esc", UIText.keyCancelEdit, .closeOverlay, in: [.questions, .pickCommand]),
      KeyBinding([.escape, .char("q")], "Esc q", bar: "Esc", UIText.keyClose, .closeOverlay, in: [.commandOutput]),
      // Overlays
      KeyBinding([.char("m")], "m", bar: "m", UIText.keyMarkdown, .chooseMarkdown, in: [.exportFormat]),
      KeyBinding([.char("j")], "j", bar: "j", UIText.keyJSON, .chooseJSON, in: [.exportFormat]),
      KeyBinding([.enter], "Enter", bar: "Enter", UIText.keySave, .submit, in: [.exportPath]),
      KeyBinding([.escape], "Esc", bar: "Esc", UIText.keyCancelEdit, .closeOverlay, in: [.exportFormat, .exportPath]),
      KeyBinding([.char("y")], "y", bar: "y", UIText.keyYesQuit, .confirmYes, in: [.confirmQuit]),
      KeyBinding([.char("n"), .escape], "n Esc", bar: "n", UIText.keyNoStay, .confirmNo, in: [.confirmQuit]),
      KeyBinding(
        [.char("?"), .escape, .char("q")], "? Esc q", bar: "Esc", UIText.keyCloseHelp, .closeOverlay, in: [.help]),
      // Leaving
      KeyBinding([.escape], "Esc", bar: "Esc", UIText.keyQuit, .quit, in: [.registryForm]),
      KeyBinding([.escape, .char("h")], "Esc h", bar: "Esc", UIText.keyBack, .back, in: [.symptomList, .probes]),
      KeyBinding([.escape], "Esc", bar: "Esc", UIText.keyBack, .back, in: [.tree]),
      KeyBinding([.escape, .char("h"), .left], "Esc h ←", bar: "Esc", UIText.keyBackToTree, .back, in: [.pane]),
      KeyBinding([.char("?")], "?", bar: "?", UIText.keyHelp, .help, in: lists.union([.pane, .watching])),
      KeyBinding([.char("q")], "q", bar: "q", UIText.keyQuit, .quit, in: browsing.union([.tooSmall, .watching])),
      KeyBinding([.ctrlC], "Ctrl-C", bar: "Ctrl-C", UIText.keyQuitNow, .forceQuit, in: typing),
      KeyBinding([.ctrlC], "Ctrl-C", bar: nil, UIText.keyQuitNow, .forceQuit, in: Set(KeyContext.allCases)),
    ])
  }()
}
