import CNcursesw
import Glibc
import WizardUI
import XCTest

@testable import NcursesTerminal

/// The ncurses backend for real: newterm onto /dev/null (renders in memory) and onto a pseudo terminal that the
/// test owns, reading back what ncurses holds and feeding keys through the pty's master side.
final class BackendTests: XCTestCase {
  override func setUp() {
    NcursesTerminal.prepareLocale()
  }

  func testRendersAWizardScreenOntoDevNull() throws {
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null"))
    try terminal.start()
    defer { terminal.stop() }
    let size = terminal.size
    XCTAssertGreaterThan(size.width, 0)
    let state = diagnosisState(.ja, size: size)
    let buffer = view(state, size: size)
    terminal.draw(buffer)
    XCTAssertEqual(
      terminal.rowText(2), String(buffer.text().split(separator: "\n", omittingEmptySubsequences: false)[2]))
    // A second draw of a changed buffer repaints only the difference and still matches.
    var next = buffer
    next.put("変更 changed", x: 1, y: 2, style: .bold)
    terminal.draw(next)
    XCTAssertTrue(terminal.rowText(2).hasPrefix(" 変更 changed"), terminal.rowText(2))
    XCTAssertNotEqual(terminal.cellAttributes(x: 1, y: 2) & shim_a_bold(), 0)
  }

  func testDiffedDrawsAlwaysLeaveWhatTheBufferHolds() throws {
    // Many buffers in a row that overwrite wide characters with narrow ones and back, at shifting columns: after
    // each diffed draw, every row ncurses holds must equal the buffer's row.
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null"))
    try terminal.start()
    defer { terminal.stop() }
    let size = terminal.size
    var generator = SplitMix(seed: 42)
    let pieces = ["症状", "abc", "原因と対処法", " ", "x", "検査", "S1 ", "✔", "ｱ", "–"]
    for round in 0..<40 {
      var buffer = ScreenBuffer(size: size)
      for y in 0..<size.height {
        var x = Int(generator.next() % 4)
        while x < size.width {
          let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
          x +=
            buffer.put(piece, x: x, y: y, style: generator.next() % 3 == 0 ? .bold : .plain) + Int(generator.next() % 2)
        }
      }
      terminal.draw(buffer)
      let expected = buffer.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for y in 0..<size.height where terminal.rowText(y) != expected[y] {
        return XCTFail("round \(round) row \(y):\n ncurses: \(terminal.rowText(y))\n buffer:  \(expected[y])")
      }
    }
  }

  func testStopIsIdempotent() throws {
    let terminal = NcursesTerminal(options: .init(termType: "vt100", inputPath: "/dev/null", outputPath: "/dev/null"))
    try terminal.start()
    terminal.stop()
    terminal.stop()
    XCTAssertFalse(terminal.isRunning)
    XCTAssertNil(terminal.readKey(timeoutMs: 0))
  }

  func testUnknownTerminalTypeIsAnErrorNotACrash() {
    let terminal = NcursesTerminal(
      options: .init(termType: "no-such-terminal-xyz", inputPath: "/dev/null", outputPath: "/dev/null"))
    XCTAssertThrowsError(try terminal.start())
    XCTAssertFalse(terminal.isRunning)
  }

  func testMonochromeWhenColourIsNotAllowed() throws {
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null", allowColor: false))
    try terminal.start()
    defer { terminal.stop() }
    XCTAssertFalse(terminal.colorsEnabled)
    XCTAssertFalse(NcursesTerminal.Options.fromEnvironment(["NO_COLOR": "1"]).allowColor)
  }

  func testColourOnAColourTerminalUnlessNOCOLORIsSet() throws {
    // The test runner may itself run with NO_COLOR set: control it here and put it back afterwards.
    let saved = getenv("NO_COLOR").map { String(cString: $0) }
    defer { if let saved { setenv("NO_COLOR", saved, 1) } else { unsetenv("NO_COLOR") } }
    unsetenv("NO_COLOR")
    let colour = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null"))
    try colour.start()
    XCTAssertTrue(colour.colorsEnabled)
    colour.stop()
    setenv("NO_COLOR", "1", 1)
    let plain = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null"))
    try plain.start()
    defer { plain.stop() }
    XCTAssertFalse(plain.colorsEnabled)
  }

  func testPseudoTerminalSizeDrawingAndKeys() throws {
    let pty = try PseudoTerminal(columns: 100, rows: 30)
    let terminal = NcursesTerminal(
      options: .init(termType: "xterm-256color", inputPath: pty.slavePath, outputPath: pty.slavePath))
    try terminal.start()
    defer { terminal.stop() }
    XCTAssertEqual(terminal.size, Size(width: 100, height: 30))

    let state = symptomsState(.ja, size: terminal.size)
    let buffer = view(state, size: terminal.size)
    terminal.draw(buffer)
    let lines = buffer.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for row in [0, 2, 4] { XCTAssertEqual(terminal.rowText(row), lines[row]) }
    XCTAssertTrue(pty.readOutput().contains("症状"), "the screen went out through the pty")

    // Keys as a terminal sends them.
    let cases: [(String, Key)] = [
      ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\r", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{03}", .ctrlC),
      ("j", .char("j")), ("症", .char("症")), ("\u{15}", .ctrl("u")), ("\u{1B}[Z", .backTab),
    ]
    for (bytes, key) in cases {
      pty.write(bytes)
      XCTAssertEqual(terminal.readKey(timeoutMs: 2000), key, "bytes \(Array(bytes.utf8))")
    }
    pty.write("\u{1B}")
    XCTAssertEqual(terminal.readKey(timeoutMs: 2000), .escape)
    XCTAssertNil(terminal.readKey(timeoutMs: 0), "nothing left")

    // A resize arrives as a message with the new size.
    pty.resize(columns: 120, rows: 40)
    kill(getpid(), SIGWINCH)
    var resized: Msg?
    for _ in 0..<40 where resized == nil { resized = terminal.readInput(timeoutMs: 50) }
    guard case .resize(let size) = resized else { return XCTFail("no resize message: \(String(describing: resized))") }
    XCTAssertEqual(size, Size(width: 120, height: 40))
  }
}

/// A pseudo terminal the test owns: the backend uses the slave side; the test writes keys into the master side.
// _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int): function-like macros Swift cannot import; these values
// hold on every Linux architecture that uses the generic ioctl encoding (x86_64, arm64).
let tiocsptlck: UInt = 0x4004_5431
let tiocgptn: UInt = 0x8004_5430

final class PseudoTerminal: @unchecked Sendable {
  let master: Int32
  let slavePath: String

  init(columns: UInt16, rows: UInt16) throws {
    // /dev/ptmx with the Linux ioctls that unlockpt() and ptsname() wrap (Glibc's module does not export those).
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard master >= 0, ioctl(master, tiocsptlck, &unlock) == 0, ioctl(master, tiocgptn, &number) == 0 else {
      throw POSIXError(.ENXIO)
    }
    slavePath = "/dev/pts/\(number)"
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    resize(columns: columns, rows: rows)
  }

  deinit { close(master) }

  func resize(columns: UInt16, rows: UInt16) {
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
  }

  func write(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
  }

  /// Reads the backend's output until it contains `text` (true) or `seconds` pass (false). Synchronises a test
  /// with what is really on screen instead of sleeping.
  func waitForOutput(containing text: String, seconds: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var seen = ""
    while Date() < deadline {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, 100)
      seen += readOutput()
      if seen.contains(text) { return true }
      if seen.count > 1_000_000 { seen = String(seen.suffix(100_000)) }
    }
    return false
  }

  /// Everything the backend has written so far (non-blocking).
  func readOutput() -> String {
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      data += chunk[0..<n]
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// A small deterministic random generator, so a failing round can be replayed.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
