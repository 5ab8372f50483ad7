import DoctorCore
import XCTest

@testable import WizardUI

/// `!` on a remedy: the exact line is shown, only `y` runs it, lines that need a shell are refused.
final class RunCommandTests: XCTestCase {
  /// The tree with further diagnosis open and the cursor on az acr check-health (two commands: one runnable, one
  /// with a <placeholder>).
  private func onCheckHealth(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> AppState {
    var state = AzureFixtures.state(
      AzureFixtures.report(symptoms: [.s9], language: language), language: language, size: size)
    state.moveTreeCursor(to: .extra(.further))
    press(&state, .right)
    state.moveTreeCursor(to: .extra(.furtherItem(0)))
    return state
  }

  private let checkHealth = "az acr check-health --name contoso --ignore-errors --yes"

  func testNothingRunsWithoutYes() {
    var state = onCheckHealth()
    XCTAssertTrue(state.isAvailable(.runCommand))
    XCTAssertEqual(press(&state, .char("!")), [])
    XCTAssertEqual(state.overlay, .pickCommand)
    XCTAssertEqual(press(&state, .enter), [])
    guard case .confirmCommand(let pending) = state.overlay else { return XCTFail("no confirmation") }
    XCTAssertEqual(pending.display, checkHealth)
    // Every other key leaves it unconfirmed.
    for key: Key in [.enter, .char("Y"), .char("q"), .char(" "), .tab, .char("!")] {
      XCTAssertEqual(press(&state, key), [], "\(key)")
      XCTAssertEqual(state.overlay, .confirmCommand(pending))
    }
    XCTAssertEqual(press(&state, .char("n")), [])
    XCTAssertNil(state.overlay)
    press(&state, .char("!"), .enter)
    XCTAssertEqual(press(&state, .escape), [])
    XCTAssertNil(state.overlay)
  }

  func testYesRunsExactlyTheLineShown() {
    var state = onCheckHealth()
    press(&state, .char("!"), .enter)
    XCTAssertTrue(view(state, size: state.size).text().contains("$ \(checkHealth)"))
    let effects = press(&state, .char("y"))
    XCTAssertEqual(
      effects,
      [
        .runCommand(
          argv: ["az", "acr", "check-health", "--name", "contoso", "--ignore-errors", "--yes"], display: checkHealth)
      ])
    XCTAssertEqual(state.overlay, .commandOutput)
    XCTAssertEqual(state.commands.running, checkHealth)
    // One at a time.
    press(&state, .escape)
    press(&state, .char("!"))
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.status?.kind, .error)
  }

  func testALineWithAPlaceholderIsRefused() {
    var state = onCheckHealth()
    press(&state, .char("!"), .down, .enter)
    guard case .confirmCommand(let pending) = state.overlay else { return XCTFail("no confirmation") }
    XCTAssertEqual(pending.argv, .failure(.placeholder))
    XCTAssertEqual(press(&state, .char("y")), [], "a refused line cannot be approved")
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("Run this by hand"), text)
    XCTAssertFalse(text.contains("Run it? (y/n)"), text)
  }

  func testSudoRemedyIsRefused() {
    var state = diagnosisState()
    press(&state, .down, .down)  // the finding's second remedy: sudo systemctl restart docker
    XCTAssertEqual(state.treeRows[state.diagnosis.tree.cursor].node, .remedy(finding: 0, index: 1))
    press(&state, .char("!"))
    guard case .confirmCommand(let pending) = state.overlay else { return XCTFail("no confirmation") }
    XCTAssertEqual(pending.display, "sudo systemctl restart docker")
    XCTAssertTrue(pending.changesSomething)
    XCTAssertEqual(pending.argv, .failure(.sudo))
    XCTAssertEqual(press(&state, .char("y")), [])
  }

  func testAChangingRemedySaysSoBeforeRunning() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s9]), size: Size(width: 100, height: 30))
    state.moveTreeCursor(to: .extra(.symptom(.s9)))
    press(&state, .right)
    state.moveTreeCursor(to: .extra(.symptomAdvice(.s9, 1)))  // allow trusted services
    press(&state, .enter, .char("!"), .down, .enter)
    guard case .confirmCommand(let pending) = state.overlay else { return XCTFail("no confirmation") }
    XCTAssertEqual(pending.display, "az acr update --name contoso --allow-trusted-services true")
    XCTAssertTrue(view(state, size: state.size).text().contains("CHANGES your setup"))
  }

  func testNoCommandNoOverlay() {
    var state = diagnosisState()  // the cursor is on a finding: it has no command of its own
    XCTAssertFalse(state.isAvailable(.runCommand))
    press(&state, .char("!"))
    XCTAssertNil(state.overlay)
  }

  func testTheOutputIsShownRedactedAndScrolls() {
    var state = onCheckHealth()
    press(&state, .char("!"), .enter, .char("y"))
    let output = (1...60).map { "line \($0)" }.joined(separator: "\n") + "\nproxy http://alice:hunter2@proxy:3128"
    _ = update(&state, .commandFinished(display: checkHealth, exitCode: 3, output: output))
    XCTAssertNil(state.commands.running)
    XCTAssertEqual(state.overlay, .commandOutput)
    var text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("Exit code 3"), text)
    XCTAssertTrue(text.contains("line 1"), text)
    for _ in 0..<100 { press(&state, .down) }
    text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("http://alice:***@proxy:3128"), text)
    XCTAssertFalse(text.contains("hunter2"))
    press(&state, .escape)
    XCTAssertNil(state.overlay)
  }

  func testAHugeOutputIsCapped() {
    var state = onCheckHealth()
    _ = update(
      &state, .commandFinished(display: checkHealth, exitCode: nil, output: String(repeating: "x", count: 1_000_000)))
    XCTAssertLessThanOrEqual(state.commands.result?.output.count ?? .max, commandOutputCap + 4)
    XCTAssertTrue(view(state, size: state.size).text().contains("Did not end by itself"))
  }
}

/// Terminals without UTF-8 get plain ASCII in the new overlays too.
final class RunCommandASCIITests: XCTestCase {
  func testOverlaysStayASCII() {
    var state = AppState(
      config: Fixtures.config(.en, ascii: true), size: Size(width: 80, height: 24), registry: "contoso",
      symptoms: [.s9])
    press(&state, .enter, .enter)
    _ = update(&state, .reportReady(run: state.run, AzureFixtures.report(symptoms: [.s9])))
    press(&state, .enter)
    var screens: [String] = []
    press(&state, .char("a"))
    screens.append(view(state, size: state.size).text())
    press(&state, .escape)
    state.moveTreeCursor(to: .extra(.further))
    press(&state, .right, .down, .char("!"))
    screens.append(view(state, size: state.size).text())
    press(&state, .enter)
    screens.append(view(state, size: state.size).text())
    press(&state, .char("y"))
    screens.append(view(state, size: state.size).text())
    for screen in screens {
      // The conclusion is the engine's text (its em dash is not the overlays' business).
      let ours = screen.split(separator: "\n").filter { !$0.contains("Conclusion:") }.joined(separator: "\n")
      XCTAssertTrue(ours.unicodeScalars.allSatisfy(\.isASCII), screen)
    }
  }
}
