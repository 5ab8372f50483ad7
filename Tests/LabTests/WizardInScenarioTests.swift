import Foundation
import XCTest

/// One fault scenario driven through the real wizard, in tmux, as a person would: the proxy refuses the tunnel,
/// and the screen must say so. (The wizard's own end-to-end tests run against loopback servers; this one checks
/// the wizard on a real faulty network.)
final class WizardInScenarioTests: XCTestCase {
  func testProxyDenialShownOnTheDecisionTree() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tmux"])
    let lab = try ScenarioLab(.proxyDenies403)
    defer { lab.destroy() }
    let tmux = LabTmux()
    defer { tmux.kill() }
    try tmux.startWizard(in: lab, timeout: "2")

    try tmux.waitFor("Which registry cannot be reached?")
    tmux.keys("Enter")
    try tmux.waitFor("What did you see?")
    tmux.keys("e")
    tmux.type("login attempt failed with status: 403 Forbidden")
    tmux.keys("Enter")
    try tmux.waitFor("[x] S5")
    tmux.keys("Enter")
    // The probes screen, then the conclusion once every probe has reported.
    let probes = try tmux.waitFor("Conclusion")
    XCTAssertTrue(probes.contains("proxy"), probes)
    tmux.keys("Enter")
    let tree = try tmux.waitFor("Causes")
    XCTAssertTrue(tree.contains("C1"), tree)
    XCTAssertTrue(tree.contains("(ruled out)"), tree)
    // The drill-down of the highlighted finding: its id and the proxy's own status line as evidence.
    let pane = try tmux.waitFor("proxy-connect-denied")
    XCTAssertTrue(pane.contains("403"), pane)
    tmux.keys("q")
    try tmux.waitForExit()
  }
}

/// A tmux server of the test's own (its own socket), so nothing else on the machine is touched.
final class LabTmux: @unchecked Sendable {
  let socket = "rdlab-wizard-\(getpid())"
  private(set) var lastScreen = ""

  func tmux(_ arguments: [String]) -> CommandResult? {
    try? Command.run(["tmux", "-L", socket] + arguments, timeout: 10, check: false)
  }

  func start(_ command: [String], width: Int, height: Int) throws {
    let line = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let r = tmux([
      "new-session", "-d", "-s", "w", "-x", "\(width)", "-y", "\(height)", line + "; echo WIZARD-EXITED $?; sleep 30",
    ])
    guard r?.status == 0 else { throw LabError("tmux did not start: \(r?.stderr ?? "?")") }
  }

  /// The real wizard inside `lab`'s namespace with the client's environment only (as a user's shell there would
  /// have it), on the scenario's registry, at 100x30.
  /// `arguments` follow (the scenario's `--image`, say).
  func startWizard(in lab: ScenarioLab, timeout: String, arguments: [String] = []) throws {
    let environment = lab.clientEnvironment.merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 }
    let assignments = environment.map { "\($0.key)=\($0.value)" }.sorted()
    let command =
      ["ip", "netns", "exec", lab.namespace.name, "env", "-i"] + assignments
      + [try LabEnvironment.executable("regdoctor"), lab.scenario.registry, "--no-az", "--timeout", timeout]
      + arguments
    try start(command, width: 100, height: 30)
  }

  /// From the wizard's first screen to its decision tree, taking what the command line gave: the registry as it
  /// stands, no symptom, the probes until their conclusion. Returns the tree's screen.
  @discardableResult
  func walkToTheDecisionTree() throws -> String {
    try waitFor("Which registry cannot be reached?")
    keys("Enter")
    try waitFor("What did you see?")
    keys("Enter")
    try waitFor("Conclusion", seconds: 30)
    keys("Enter")
    return try waitFor("Causes")
  }

  func keys(_ key: String) { _ = tmux(["send-keys", "-t", "w", key]) }
  func type(_ text: String) { _ = tmux(["send-keys", "-t", "w", "-l", text]) }

  func screen() -> String { tmux(["capture-pane", "-p", "-t", "w"])?.stdout ?? "" }

  /// Polls the screen until `text` shows, bounded; returns the screen.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 15) throws -> String {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
      lastScreen = screen()
      usleep(50_000)
      // ncurses draws a new screen in pieces: take a screen only when the next capture shows it unchanged.
      if lastScreen.contains(text) && screen() == lastScreen { return lastScreen }
    }
    throw LabError("'\(text)' never appeared; the screen was:\n\(lastScreen)")
  }

  /// The wizard ended by itself (the shell line after it printed its exit status) and left the alternate screen.
  func waitForExit() throws {
    let screen = try waitFor("WIZARD-EXITED")
    XCTAssertTrue(screen.contains("WIZARD-EXITED 0"), screen)
    XCTAssertEqual(
      tmux(["display", "-p", "-t", "w", "#{alternate_on}"])?.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0"
    )
  }

  func kill() { _ = tmux(["kill-server"]) }

  /// The screen with its colours (tmux's SGR capture) as REGDOCTOR_SHOT_DIR/NAME.ansi, when that is set: the
  /// README's screenshots, rendered by scripts/screenshots.
  func saveShot(_ name: String) throws {
    guard let directory = ProcessInfo.processInfo.environment["REGDOCTOR_SHOT_DIR"], !directory.isEmpty else { return }
    let capture = tmux(["capture-pane", "-e", "-p", "-N", "-t", "w"])?.stdout ?? ""
    try capture.write(toFile: "\(directory)/\(name).ansi", atomically: true, encoding: .utf8)
  }
}
