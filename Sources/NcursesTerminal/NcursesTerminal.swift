import CNcursesw
import Dispatch
import Glibc
import WizardUI

/// The thin ncurses backend: draws ScreenBuffers (only what changed), reads keys, knows the size, restores the
/// terminal. ncurses is not thread-safe: create, use and stop it on the main thread only.
public final class NcursesTerminal {
  public struct Options: Sendable {
    /// Terminal type for newterm; nil uses $TERM.
    public var termType: String?
    /// Paths to use instead of stdin/stdout (a pty for tests, /dev/null for headless rendering).
    public var inputPath: String?
    public var outputPath: String?
    /// Colours when the terminal has them and NO_COLOR is unset (checked at start); false forces monochrome
    /// (bold, reverse and dim only).
    public var allowColor: Bool
    public init(termType: String? = nil, inputPath: String? = nil, outputPath: String? = nil, allowColor: Bool = true) {
      self.termType = termType
      self.inputPath = inputPath
      self.outputPath = outputPath
      self.allowColor = allowColor
    }

    /// Colour unless the environment asks for none (https://no-color.org: NO_COLOR set and non-empty).
    public static func fromEnvironment(_ env: [String: String]) -> Options {
      Options(allowColor: (env["NO_COLOR"] ?? "").isEmpty)
    }
  }

  public enum StartError: Error, CustomStringConvertible {
    case cannotOpen(String)
    case cannotInitialize(String)
    public var description: String {
      switch self {
      case .cannotOpen(let path): return "cannot open \(path) for the terminal"
      case .cannotInitialize(let term): return "cannot initialise the terminal (TERM=\(term))"
      }
    }
  }

  public let options: Options
  public private(set) var isRunning = false
  public private(set) var colorsEnabled = false
  private var screen: OpaquePointer?
  private var inputFile: UnsafeMutablePointer<FILE>?
  private var outputFile: UnsafeMutablePointer<FILE>?
  private var lastBuffer: ScreenBuffer?
  private var palette = Palette()

  public init(options: Options = Options()) {
    self.options = options
  }

  deinit { stop() }

  /// Enters curses mode: locale, raw keys (Ctrl-C arrives as a key), no echo, keypad, hidden cursor, colours.
  public func start() throws {
    guard !isRunning else { return }
    Self.prepareLocale()
    registerExitRestore()
    CrashRestore.install()
    inputFile = try options.inputPath.map { try open($0, mode: "r") } ?? shim_stdin()
    outputFile = try options.outputPath.map { try open($0, mode: "w") } ?? shim_stdout()
    let term = options.termType ?? (getenv("TERM").map { String(cString: $0) } ?? "")
    screen = term.isEmpty ? nil : newterm(term, outputFile, inputFile)
    guard let screen else {
      closeFiles()
      throw StartError.cannotInitialize(term.isEmpty ? "(unset)" : term)
    }
    set_term(screen)
    isRunning = true
    raw()
    noecho()
    nonl()
    keypad(shim_stdscr(), true)
    curs_set(0)
    set_escdelay(25)  // Esc alone is a key here; do not wait a second for an escape sequence
    defineCursorKeys()
    colorsEnabled = false
    // https://no-color.org: a non-empty NO_COLOR turns colour off whatever the options say.
    let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
    if options.allowColor, !noColor, has_colors() {
      start_color()
      palette = Palette(defaultColors: use_default_colors() == OK, maxPairs: Int(shim_color_pairs()))
      colorsEnabled = true
    }
    lastBuffer = nil
    erase()
  }

  /// Leaves curses mode and restores the terminal. Safe to call more than once, and after a signal.
  public func stop() {
    guard isRunning else { return }
    isRunning = false
    if !isendwin() { endwin() }
    if let screen { delscreen(screen) }
    screen = nil
    closeFiles()
  }

  /// The terminal's size now (after a KEY_RESIZE ncurses has already updated it).
  public var size: Size {
    guard isRunning else { return Size(width: 0, height: 0) }
    return Size(width: Int(shim_getmaxx(shim_stdscr())), height: Int(shim_getmaxy(shim_stdscr())))
  }

  /// Draws `buffer`, writing only the rows' changed spans since the last draw (everything after a resize).
  public func draw(_ buffer: ScreenBuffer) {
    guard isRunning, buffer != lastBuffer else { return }
    let previous = lastBuffer?.size == buffer.size ? lastBuffer : nil
    if previous == nil { erase() }
    for y in 0..<buffer.size.height {
      guard let span = changedSpan(row: y, old: previous, new: buffer) else { continue }
      var x = span.lowerBound
      while x < span.upperBound {
        let cell = buffer[x, y]
        if !cell.isContinuation { put(cell, x: x, y: y) }
        x += max(1, cell.width)
      }
    }
    refresh()
    lastBuffer = buffer
  }

  /// Forgets what is on screen so the next draw repaints everything (after the terminal was disturbed).
  public func invalidate() {
    lastBuffer = nil
    if isRunning { clearok(shim_stdscr(), true) }
  }

  /// One key, or nil after `timeoutMs` without input. A terminal resize is reported as `nil` here; use `readInput`.
  public func readKey(timeoutMs: Int32) -> Key? {
    if case .key(let key) = readInput(timeoutMs: timeoutMs) { return key }
    return nil
  }

  /// A key or a resize as a wizard message, or nil after `timeoutMs` (0: do not wait) without input.
  public func readInput(timeoutMs: Int32) -> Msg? {
    guard isRunning else { return nil }
    wtimeout(shim_stdscr(), timeoutMs)
    var code: wint_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let rc = wget_wch(shim_stdscr(), &code)
    if rc == ERR {
      noteEmptyRead(waitedNs: DispatchTime.now().uptimeNanoseconds &- started, timeoutMs: timeoutMs)
      return nil
    }
    quickEmptyReads = 0
    if rc == shim_key_code_yes() {
      if Int32(code) == KEY_RESIZE {
        invalidate()
        return .resize(size)
      }
      return functionKey(Int32(code)).map { .key($0) }
    }
    return characterKey(UInt32(code)).map { .key($0) }
  }

  /// True when the input has gone away (EOF: reads fail at once instead of waiting): the caller should stop,
  /// or its loop would spin.
  public private(set) var inputClosed = false
  private var quickEmptyReads = 0

  private func noteEmptyRead(waitedNs: UInt64, timeoutMs: Int32) {
    guard timeoutMs >= 10 else { return }
    if waitedNs < UInt64(timeoutMs) * 250_000 {  // under a quarter of the timeout: nothing was waited for
      quickEmptyReads += 1
      if quickEmptyReads >= 50 { inputClosed = true }
    } else {
      quickEmptyReads = 0
    }
  }

  // MARK: Drawing

  private func put(_ cell: Cell, x: Int, y: Int) {
    var attrs = shim_a_normal()
    if cell.style.bold { attrs |= shim_a_bold() }
    if cell.style.reverse { attrs |= shim_a_reverse() }
    if cell.style.dim { attrs |= shim_a_dim() }
    var pair: Int16 = 0
    if colorsEnabled {
      pair = palette.pair(fg: cell.style.fg, bg: cell.style.bg)
    } else if cell.style.fg == .likely || cell.style.fg == .error {
      attrs |= shim_a_bold()  // monochrome: what colour would have stressed, bold stresses
    }
    var wide = cell.grapheme.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    wide.append(0)
    _ = shim_put_cell(Int32(y), Int32(x), wide, attrs, pair)
  }

  private func changedSpan(row y: Int, old: ScreenBuffer?, new: ScreenBuffer) -> Range<Int>? {
    let width = new.size.width
    guard let old else { return 0..<width }
    var first = -1
    var last = -1
    for x in 0..<width where old[x, y] != new[x, y] {
      if first < 0 { first = x }
      last = x
    }
    guard first >= 0 else { return nil }
    // Start on a lead cell, and end past a wide character's continuation, so wide characters are drawn whole.
    if new[first, y].isContinuation || old[first, y].isContinuation { first = max(0, first - 1) }
    return first..<min(width, last + 2)
  }

  // MARK: Keys

  /// terminfo lists one sequence per key (xterm's application mode `ESC O A` for ↑); terminals that ignore the
  /// keypad-transmit request send the normal-mode `ESC [ A`. Teach ncurses both.
  private func defineCursorKeys() {
    let sequences: [(String, Int32)] = [
      ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
      ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
      ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
      ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
      ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
    ]
    for (sequence, code) in sequences where key_defined(sequence) == 0 { define_key(sequence, code) }
  }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_BTAB: return .backTab
    case shim_key_f(1)...shim_key_f(24): return .function(Int(code - shim_key_f(0)))
    default: return nil
    }
  }

  private func characterKey(_ code: UInt32) -> Key? {
    switch code {
    case 3: return .ctrlC
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .char(Character(scalar))
    }
  }

  // MARK: Files

  private func open(_ path: String, mode: String) throws -> UnsafeMutablePointer<FILE> {
    guard let file = fopen(path, mode) else { throw StartError.cannotOpen(path) }
    return file
  }

  private func closeFiles() {
    if options.inputPath != nil, let inputFile { fclose(inputFile) }
    if options.outputPath != nil, let outputFile { fclose(outputFile) }
    inputFile = nil
    outputFile = nil
  }

  // MARK: Reading back (tests)

  /// The text ncurses holds for row y (what a terminal would show), trailing spaces trimmed.
  func rowText(_ y: Int) -> String {
    guard isRunning else { return "" }
    let width = size.width
    var chars = [wchar_t](repeating: 0, count: width + 1)
    let n = shim_read_row(Int32(y), 0, &chars, Int32(width))
    guard n != ERR else { return "" }
    let scalars = chars.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    var text = String(String.UnicodeScalarView(scalars))
    while text.last == " " { text.removeLast() }
    return text
  }

  func cellAttributes(x: Int, y: Int) -> attr_t { shim_cell_attrs(Int32(y), Int32(x)) }
}

/// ncurses colour pairs for (foreground, background) roles, allocated on first use.
private struct Palette {
  var defaultColors = true
  var maxPairs = 0
  private var pairs: [Int: Int16] = [:]

  init(defaultColors: Bool = true, maxPairs: Int = 0) {
    self.defaultColors = defaultColors
    self.maxPairs = maxPairs
  }

  mutating func pair(fg: ColorRole, bg: ColorRole) -> Int16 {
    if fg == .normal && bg == .normal { return 0 }
    let key = Int(fg.rawValue) << 8 | Int(bg.rawValue)
    if let existing = pairs[key] { return existing }
    let number = Int16(pairs.count + 1)
    guard Int(number) < maxPairs else { return 0 }
    init_pair(number, color(fg, background: false), color(bg, background: true))
    pairs[key] = number
    return number
  }

  private func color(_ role: ColorRole, background: Bool) -> Int16 {
    let fallback = Int16(background ? COLOR_BLACK : COLOR_WHITE)
    switch role {
    case .normal, .selection, .muted: return defaultColors ? -1 : fallback
    case .accent: return Int16(COLOR_CYAN)
    case .ok: return Int16(COLOR_GREEN)
    case .warning: return Int16(COLOR_YELLOW)
    case .error: return Int16(COLOR_RED)
    case .likely: return Int16(COLOR_MAGENTA)
    case .header: return Int16(COLOR_BLUE)
    }
  }
}

/// Restores the terminal if the process exits while curses is active (exit() from anywhere, a fatal error path).
private let exitRestoreRegistration: Void = {
  atexit {
    if !isendwin() { endwin() }
  }
}()

private func registerExitRestore() { _ = exitRestoreRegistration }
