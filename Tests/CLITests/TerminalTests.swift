import Foundation
import XCTest

/// Terminals the wizard meets on a jump box: TERM unset, TERM=dumb, a TERM without a terminfo entry, a locale that
/// is not installed, a terminal without colours. Each gets a clear message or the text report, never a crash.
/// The binary runs on a real pseudo-terminal (stdin and stdout a tty), as in an ssh session.
extension CLITests {
  func testWithoutTERMTheWizardPrintsTheTextReport() throws {
    let r = try onTerminal(["127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1"], env: [:])
    XCTAssertEqual(r.status, 1, r.output)
    XCTAssertTrue(r.output.contains("TERM is not set"), r.output)
    XCTAssertTrue(r.output.contains("Conclusion: tcp-connect-refused"), r.output)
  }

  func testWithoutTERMTheReportHasNoColours() throws {
    let r = try onTerminal(["diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1"], env: [:])
    XCTAssertEqual(r.status, 1, r.output)
    XCTAssertTrue(r.output.contains("Conclusion: tcp-connect-refused"), r.output)
    XCTAssertFalse(r.output.contains("\u{1B}["), "no escape sequences without TERM:\n\(r.output)")
  }

  func testDumbTerminalGetsTheTextReport() throws {
    let r = try onTerminal(["127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1"], env: ["TERM": "dumb"])
    XCTAssertEqual(r.status, 1, r.output)
    XCTAssertTrue(r.output.contains("TERM=dumb cannot move the cursor"), r.output)
    XCTAssertTrue(r.output.contains("Conclusion: tcp-connect-refused"), r.output)
    XCTAssertFalse(r.output.contains("\u{1B}["), "no escape sequences for a dumb terminal:\n\(r.output)")
  }

  func testTERMWithoutTerminfoEntryGetsTheTextReport() throws {
    let r = try onTerminal(
      ["127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1"], env: ["TERM": "no-such-terminal\u{1B}[31m"])
    XCTAssertEqual(r.status, 1, r.output)
    XCTAssertTrue(r.output.contains("no terminfo entry for TERM=no-such-terminal[31m"), r.output)
    XCTAssertTrue(r.output.contains("Conclusion: tcp-connect-refused"), r.output)
  }

  func testWithoutARegistryAnUnusableTerminalIsAClearMessage() throws {
    let r = try onTerminal([], env: ["TERM": "dumb"])
    XCTAssertEqual(r.status, 2, r.output)
    XCTAssertTrue(r.output.contains("regdoctor diagnose REGISTRY"), r.output)
  }

  func testLocaleNotInstalledStillRunsTheWizard() throws {
    let r = try onTerminal(
      ["127.0.0.1:\(try closedPort())", "--no-az"],
      env: ["TERM": "xterm-256color", "LANG": "xx_XX.UTF-8", "LC_ALL": "xx_XX.UTF-8"], quitOnceShown: "Registry")
    XCTAssertEqual(r.status, 0, r.output)
    XCTAssertTrue(r.output.contains("Which registry cannot be reached?"), r.output)
  }

  func testTerminalWithoutColoursGetsAWizardWithoutColours() throws {
    let r = try onTerminal(
      ["127.0.0.1:\(try closedPort())", "--no-az"], env: ["TERM": "vt100"], quitOnceShown: "Registry")
    XCTAssertEqual(r.status, 0, r.output)
    XCTAssertTrue(r.output.contains("Which registry cannot be reached?"), r.output)
    // Every SGR sequence (ESC [ params m): none may set a foreground or background colour.
    let sgr = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
    let colours = sgr.matches(in: r.output, range: NSRange(r.output.startIndex..., in: r.output)).filter { match in
      let params = (Range(match.range(at: 1), in: r.output).map { r.output[$0] } ?? "").split(separator: ";")
      return params.contains { Int($0).map { (30...49).contains($0) } ?? false }
    }
    XCTAssertTrue(colours.isEmpty, "vt100 has no colours: no colour sequences")
  }

  struct TerminalRun {
    let status: Int32
    let output: String
  }

  /// Runs the built binary with stdin, stdout and stderr on a new pseudo-terminal, 100x30. With `quitOnceShown`,
  /// presses Esc (the wizard's quit key) once that text is on the screen. Killed after 20 s: a hang fails.
  func onTerminal(_ args: [String], env: [String: String], quitOnceShown: String? = nil) throws -> TerminalRun {
    // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift's Glibc module: their Linux ioctls instead
    // (TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned int); macros Swift cannot import).
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    XCTAssertGreaterThanOrEqual(master, 0)
    defer { close(master) }
    var unlock: Int32 = 0
    XCTAssertEqual(ioctl(master, 0x4004_5431, &unlock), 0)
    var number: UInt32 = 0
    XCTAssertEqual(ioctl(master, 0x8004_5430, &number), 0)
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    let slave = try XCTUnwrap(FileHandle(forUpdatingAtPath: slavePath))

    let binary = try builtRegdoctor()
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    p.environment = [
      "PATH": "/usr/bin:/bin", "REGDOCTOR_ETC": etc, "DOCKER_HOST": "unix://\(etc)/none.sock", "LANG": "C.UTF-8",
    ]
    .merging(env) { $1 }
    p.standardInput = slave
    p.standardOutput = slave
    p.standardError = slave
    try p.run()
    try slave.close()

    var output = Data()
    var quitSent = false
    let deadline = Date().addingTimeInterval(20)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while Date() < deadline {
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, 100) > 0 {
        let n = read(master, &buffer, buffer.count)
        if n > 0 {
          output.append(contentsOf: buffer[0..<n])
        } else if errno != EINTR && errno != EAGAIN {
          // EIO: every slave descriptor is closed, the program is ending.
          if !p.isRunning { break }
          usleep(10_000)  // poll reports the hang-up at once: do not spin until the exit is reaped
        }
      } else if !p.isRunning {
        break
      }
      if let text = quitOnceShown, !quitSent, String(decoding: output, as: UTF8.self).contains(text) {
        _ = [UInt8(0x1B)].withUnsafeBytes { write(master, $0.baseAddress, 1) }
        quitSent = true
      }
    }
    if p.isRunning {
      p.terminate()
      p.waitUntilExit()
      XCTFail("regdoctor \(args) did not end within 20 s:\n\(String(decoding: output, as: UTF8.self))")
    }
    p.waitUntilExit()
    return TerminalRun(status: p.terminationStatus, output: String(decoding: output, as: UTF8.self))
  }
}
