import Foundation
import XCTest

/// The real `regdoctor` wizard in a real terminal (tmux), against real `regdoctor-lab` servers on 127.0.0.1.
/// Every wait polls the screen with a deadline; nothing here sleeps for a fixed time.
final class WizardE2ETests: XCTestCase {
  private var fixture: E2EFixture!
  private var tmux: TmuxSession!

  override func setUpWithError() throws {
    fixture = try E2EFixture()
  }

  override func tearDown() {
    tmux?.kill()
    tmux = nil
    fixture = nil
  }

  // MARK: The whole walk

  func testHealthyRegistryFromSymptomsToExportThenQuitRestoresTheShell() throws {
    let registry = try fixture.startRegistry()
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)

    try walkToProbes(tickFirstSymptom: true)
    let probes = try waitForConclusion()
    // The TCP row says what happened, with the address the test's server listens on.
    XCTAssertTrue(probes.contains(registry), "the probes screen names \(registry):\n\(probes)")
    XCTAssertTrue(probes.contains("connected"), "a TCP probe row reads 'connected':\n\(probes)")

    try tmux.press("Enter")
    try tmux.waitFor("the decision tree") { $0.contains("Causes → findings → remedies") }

    let report = try export(named: "healthy.json")
    let conclusion = report["conclusion"] as? [String: Any]
    XCTAssertEqual(conclusion?["finding"] as? String, "network-ok-check-authentication")
    XCTAssertEqual((report["symptoms"] as? [String])?.first, "S1")

    try quitWithQ()
    try assertShellRestored()
  }

  func testDeniedClientIPDrillsDownFromFindingToRemedyAndExports() throws {
    let registry = try fixture.startRegistry(mode: "deny-client-ip")
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)

    try walkToProbes(tickFirstSymptom: false)
    let probes = try waitForConclusion()
    XCTAssertTrue(probes.contains("403 Forbidden"), "the HTTP row shows the 403:\n\(probes)")

    // The tree opens on the likely path: its cause and finding expanded and marked, the cursor on the finding.
    try tmux.press("Enter")
    let tree = try tmux.waitFor("the decision tree") { $0.contains("Causes → findings → remedies") }
    XCTAssertTrue(
      tree.screenLines.contains { $0.contains("» ▾ C2") }, "C2 is the likely cause:\n\(tree)")

    // Drill down into the finding: why, evidence.
    try tmux.press("Enter")
    let finding = try tmux.waitFor("the finding's pane") {
      $0.contains("Why") && $0.contains("Evidence")
    }
    XCTAssertTrue(finding.contains("registry-firewall-denies-client-ip"), finding)
    XCTAssertTrue(finding.contains("client IP seen by the registry: 127.0.0.1"), finding)

    // Back to the tree, down to the first remedy, open it: its steps with the registry's values filled in.
    try tmux.press("Escape")
    try tmux.press("Down")
    try tmux.press("Enter")
    let remedy = try tmux.waitFor("the remedy's steps") {
      $0.contains("Remedy: Add the client's IP")
    }
    XCTAssertTrue(remedy.contains("Allow the address the registry reported, 127.0.0.1."), remedy)
    XCTAssertFalse(remedy.contains("{"), "no template placeholder is left:\n\(remedy)")

    let report = try export(named: "denied.json")
    let conclusion = report["conclusion"] as? [String: Any]
    XCTAssertEqual(conclusion?["finding"] as? String, "registry-firewall-denies-client-ip")
    XCTAssertEqual(conclusion?["cause"] as? String, "registry-public-access-rules")

    try quitWithQ()
    try assertShellRestored()
  }

  func testARegistryThatHangsUpShowsTheRemedyCommands() throws {
    let registry = try fixture.startRegistry(mode: "close")
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)
    try walkToProbes(tickFirstSymptom: false)
    let probes = try waitForConclusion()
    XCTAssertTrue(probes.contains("connection closed before an answer"), probes)

    try tmux.press("Enter")
    try tmux.waitFor("the finding under the cursor") {
      $0.contains("Finding: registry-not-responding")
    }
    try tmux.press("Down")
    try tmux.press("Enter")
    let remedy = try tmux.waitFor("the remedy's commands") {
      $0.contains("Commands") && $0.contains("$ curl")
    }
    XCTAssertTrue(remedy.contains("Remedy: Measure where the request stalls"), remedy)

    try quitWithQ()
    try assertShellRestored()
  }

  // MARK: Leaving without q

  func testCtrlCQuitsAtOnceAndRestoresTheTerminal() throws {
    let registry = try fixture.startRegistry(mode: "hang")
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)
    try tmux.press("Enter")
    try tmux.waitFor("the symptoms screen") { $0.contains("What did you see?") }
    // Probes are running against a registry that never answers: Ctrl-C must not ask, nor wait for them.
    try tmux.press("Enter")
    try tmux.waitFor("the probes running") { $0.contains("Running probes") }
    try tmux.press("C-c")
    try assertShellRestored(exitStatus: nil)
  }

  func testSIGTERMRestoresTheTerminal() throws {
    let registry = try fixture.startRegistry()
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)
    try tmux.waitUntil("regdoctor to be the shell's child") { try tmux.foregroundChildPID() != nil }
    let pid = try XCTUnwrap(try tmux.foregroundChildPID())
    XCTAssertEqual(kill(pid, SIGTERM), 0)
    try assertShellRestored(exitStatus: 128 + SIGTERM)
  }

  // MARK: Sizes and languages

  func testResizeRelayoutsAndASmallTerminalShowsTheNotice() throws {
    let registry = try fixture.startRegistry()
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry)
    try tmux.press("Enter")
    let wide = try tmux.waitFor("the symptoms screen") { $0.contains("What did you see?") }
    XCTAssertEqual(helpBarRow(wide, height: 30), 29, "help bar on the last row at 100x30:\n\(wide)")

    try tmux.resize(width: 72, height: 20)
    let narrow = try tmux.waitFor("the layout for 72x20") { helpBarRow($0, height: 20) == 19 }
    XCTAssertTrue(narrow.contains("What did you see?"), narrow)
    XCTAssertLessThanOrEqual(narrow.screenLines.map(\.terminalWidth).max() ?? 0, 72)

    try tmux.resize(width: 59, height: 16)
    try tmux.waitFor("the too-small notice at 59x16") {
      $0.contains("Terminal too small (need 60x16)")
    }
    try tmux.resize(width: 60, height: 15)
    try tmux.waitFor("the too-small notice at 60x15") {
      $0.contains("Terminal too small (need 60x16)")
    }

    try tmux.resize(width: 60, height: 16)
    let minimum = try tmux.waitFor("the symptoms again at 60x16") {
      $0.contains("What did you see")
    }
    XCTAssertFalse(minimum.contains("Terminal too small"), minimum)
    try quitWithQ()
    try assertShellRestored()
  }

  func testJapaneseRendersEveryRowWithinTheTerminalWidth() throws {
    let registry = try fixture.startRegistry(mode: "deny-client-ip")
    let tmux = try startShell(width: 100, height: 30)
    try startWizard(registry, ["--lang", "ja"])
    try tmux.press("Enter")
    let symptoms = try tmux.waitFor("the Japanese symptoms screen") { $0.contains("どんな症状が出ましたか") }
    assertRendersCleanly(symptoms, width: 100)
    // The selected count is right-aligned: it ends in the last column of the content area, however wide the title.
    let titleRow = try XCTUnwrap(symptoms.screenLines.first { $0.contains("件選択中") })
    XCTAssertEqual(titleRow.terminalWidth, 99, "title row: \(titleRow)")

    try tmux.press("Enter")
    try tmux.waitFor("the Japanese conclusion") { $0.contains("結論:") && $0.contains("所要時間") }
    try tmux.press("Enter")
    let tree = try tmux.waitFor("the Japanese tree") { $0.contains("原因 → 所見 → 対処法") }
    assertRendersCleanly(tree, width: 100)
    // The divider between tree and pane stays in one column on every row: a miscounted wide character would
    // push it right on its row.
    let dividerColumns = Set(
      tree.screenLines.compactMap { line -> Int? in
        guard let i = line.firstIndex(of: "│") else { return nil }
        return String(line[..<i]).terminalWidth
      })
    XCTAssertEqual(dividerColumns.count, 1, "divider columns \(dividerColumns):\n\(tree)")

    try tmux.press("Enter")
    let pane = try tmux.waitFor("the Japanese finding pane") { $0.contains("理由") }
    assertRendersCleanly(pane, width: 100)
    try quitWithQ()
    try assertShellRestored()
  }

  // MARK: Steps

  private func startShell(width: Int, height: Int) throws -> TmuxSession {
    let session = try TmuxSession(
      width: width, height: height, environment: fixture.environment(),
      directory: fixture.directory.path)
    tmux = session
    return session
  }

  private func startWizard(_ registry: String, _ extra: [String] = []) throws {
    try tmux.shell(fixture.wizardCommand(registry, extra))
    try tmux.waitUntil("the wizard on the alternate screen") { try tmux.alternateScreenOn() }
    try tmux.waitFor("the registry screen") { $0.contains("[Registry]") || $0.contains("[レジストリ]") }
  }

  /// Registry screen → symptoms (optionally ticking S1) → Enter starts the probes.
  private func walkToProbes(tickFirstSymptom: Bool) throws {
    try tmux.press("Enter")
    try tmux.waitFor("the symptoms screen") {
      $0.contains("What did you see?") && $0.contains("0 selected")
    }
    if tickFirstSymptom {
      try tmux.press("Space")
      try tmux.waitFor("S1 ticked") { $0.contains("1 selected") && $0.contains("[x] S1") }
    }
    try tmux.press("Enter")
    try tmux.waitFor("the probes screen") { $0.contains("[Probes]") }
  }

  private func waitForConclusion() throws -> String {
    try tmux.waitFor("the conclusion", timeout: 20) {
      $0.contains("Conclusion:") && $0.contains("elapsed")
    }
  }

  /// x → j → a path in the temp dir → Enter; waits for the status line, then checks the file and parses it.
  private func export(named name: String) throws -> [String: Any] {
    let path = fixture.directory.appendingPathComponent(name).path
    try tmux.press("x")
    try tmux.waitFor("the export format choice") { $0.contains("m = Markdown, j = JSON") }
    try tmux.press("j")
    let suggested = try tmux.waitFor("the path field") { $0.contains("Save to") }
    XCTAssertTrue(suggested.contains(".json"), "a .json name is suggested:\n\(suggested)")
    try tmux.press("C-u")
    try tmux.type(path)
    try tmux.press("Enter")
    try tmux.waitFor("the saved message") {
      $0.replacingOccurrences(of: "\n", with: "").contains("Report saved to")
    }

    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    XCTAssertEqual(
      (attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "the report is private")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  private func quitWithQ() throws {
    try tmux.press("q")
  }

  /// The wizard is gone, the terminal is back on the normal screen, and the shell that ran it still takes commands.
  private func assertShellRestored(
    exitStatus: Int32? = 0, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    try tmux.waitUntil("the normal screen again", file: file, line: line) {
      try !tmux.alternateScreenOn()
    }
    try tmux.waitUntil("the wizard to exit", file: file, line: line) {
      try tmux.foregroundChildPID() == nil
    }
    try tmux.shell("echo \"ok rc=$?\"")
    let screen = try tmux.waitFor("the shell to answer", file: file, line: line) { screen in
      screen.screenLines.contains { $0.hasPrefix("ok rc=") }
    }
    let answer = screen.screenLines.first { $0.hasPrefix("ok rc=") } ?? ""
    if let exitStatus { XCTAssertEqual(answer, "ok rc=\(exitStatus)", file: file, line: line) }
    // Echo on and canonical mode back: the typed command shows after the prompt.
    XCTAssertTrue(
      screen.contains("e2e$ echo \"ok rc=$?\""), "the shell echoes input again:\n\(screen)",
      file: file, line: line)
    XCTAssertEqual(
      try tmux.display("#{cursor_flag}"), "1", "cursor visible", file: file, line: line)
  }

  private func assertRendersCleanly(
    _ screen: String, width: Int, file: StaticString = #filePath, line: UInt = #line
  ) {
    for (row, text) in screen.screenLines.enumerated() {
      XCTAssertLessThanOrEqual(
        text.terminalWidth, width, "row \(row) is too wide: \(text)", file: file, line: line)
      XCTAssertFalse(
        text.contains("\u{FFFD}"), "row \(row) has a replacement character: \(text)", file: file,
        line: line)
    }
    XCTAssertTrue(
      screen.screenLines.first?.contains("regdoctor") ?? false, "step bar on row 0:\n\(screen)",
      file: file, line: line)
  }
}

/// The row of the help bar (the one naming `q` and `?`), counted from 0.
private func helpBarRow(_ screen: String, height: Int) -> Int? {
  screen.screenLines.prefix(height).lastIndex { $0.contains("? help") || $0.contains("? ヘルプ") }
}
