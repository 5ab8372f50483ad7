import DoctorCore
import XCTest

@testable import WizardUI

final class DecisionTreeTests: XCTestCase {
  func testTreeShowsEveryCauseAndTheLikelyPathOpen() {
    let state = diagnosisState()
    let rows = state.treeRows
    let causeRows = rows.filter { if case .cause = $0.node { return true } else { return false } }
    XCTAssertEqual(causeRows.count, Fixtures.causes.count)
    XCTAssertEqual(rows.last?.node, .extra(.further), "further diagnosis closes the tree")
    XCTAssertEqual(rows[0].node, .cause(.clientFirewallOrProxy))
    XCTAssertTrue(rows[0].isLikely)
    XCTAssertTrue(rows[0].isExpanded)
    XCTAssertEqual(rows[1].node, .finding(0))
    XCTAssertTrue(rows[1].isLikely)
    XCTAssertEqual(rows[2].node, .remedy(finding: 0, index: 0))
    XCTAssertEqual(state.diagnosis.tree.cursor, 1, "the cursor starts on the conclusion's finding")
    let ruledOut = rows.filter(\.ruledOut).map(\.node)
    XCTAssertEqual(
      ruledOut,
      [
        .cause(.registryPublicAccessRules), .cause(.vnetPrivateEndpointConfig), .cause(.serviceIntegrationRestricted),
        .cause(.registryAuth), .cause(.none),
      ])
  }

  func testRuledOutCausesAreDimAndLabelled() {
    let state = diagnosisState(.ja, size: Size(width: 120, height: 40))
    let screen = view(state, size: state.size)
    XCTAssertTrue(screen.text().contains("C4 Azure サービスとの統合（該当なし）"))
    guard
      let y = screen.text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: {
        $0.contains("C2 ")
      })
    else { return XCTFail("no C2 row") }
    XCTAssertTrue(screen[6, y].style.dim)
  }

  func testLeftCollapsesThenMovesToTheParent() {
    var state = diagnosisState()
    press(&state, .left)  // on the finding: collapse it
    XCTAssertFalse(state.diagnosis.expanded.contains(.finding(0)))
    XCTAssertEqual(state.diagnosis.tree.cursor, 1)
    press(&state, .char("h"))  // collapsed finding: go to its cause
    XCTAssertEqual(state.diagnosis.tree.cursor, 0)
    press(&state, .left)  // the cause: collapse
    XCTAssertEqual(state.treeRows.count, Fixtures.causes.count + 1, "the causes and further diagnosis")
  }

  func testRightExpandsThenStepsIntoChildren() {
    var state = diagnosisState()
    press(&state, .char("h"))
    press(&state, .right)
    XCTAssertTrue(state.diagnosis.expanded.contains(.finding(0)))
    press(&state, .char("l"))
    XCTAssertEqual(state.treeRows[state.diagnosis.tree.cursor].node, .remedy(finding: 0, index: 0))
  }

  func testEnterOnAFindingOpensItsPaneAndFocusesIt() {
    var state = diagnosisState()
    press(&state, .down, .down, .down)  // past the two remedies, onto the daemon finding
    XCTAssertEqual(state.treeRows[state.diagnosis.tree.cursor].node, .finding(1))
    press(&state, .enter)
    XCTAssertEqual(state.diagnosis.openedNode, .finding(1))
    XCTAssertEqual(state.keyContext, .pane)
    let pane = state.paneLines(width: 60).map(\.text)
    XCTAssertTrue(
      pane.contains("The Docker daemon has no proxy") || pane.contains { $0.contains("The Docker daemon has no proxy") }
    )
    XCTAssertTrue(pane.contains("Evidence"))
    XCTAssertTrue(pane.contains { $0.contains("docker.daemon") && $0.contains("/var/run/docker.sock") })
    XCTAssertTrue(pane.contains { $0.contains("HTTPSProxy: (none)") }, "probe details key: value")
  }

  func testEnterOnARemedyShowsItsCommands() {
    var state = diagnosisState()
    press(&state, .down, .enter)
    XCTAssertEqual(state.diagnosis.openedNode, .remedy(finding: 0, index: 0))
    let pane = state.paneLines(width: 60).map(\.text)
    XCTAssertTrue(pane.contains("$ az acr show-endpoints --name contoso"))
    XCTAssertTrue(pane.contains("$ curl -v https://contoso.azurecr.io/v2/"))
  }

  func testRemedyThatChangesSomethingSaysSo() {
    var state = diagnosisState()
    press(&state, .down, .down, .enter)
    XCTAssertTrue(state.paneLines(width: 60).contains { $0.text.contains("review before running") })
  }

  func testEnterOnACauseTogglesItAndShowsItsAdvice() {
    var state = diagnosisState()
    press(&state, .up, .enter)
    XCTAssertFalse(state.diagnosis.expanded.contains(.cause(.clientFirewallOrProxy)))
    XCTAssertEqual(state.keyContext, .tree, "a cause opens in the pane without taking the focus")
    XCTAssertTrue(state.paneLines(width: 60).contains { $0.text.contains("Advice for client firewall or proxy.") })
    XCTAssertTrue(
      state.paneLines(width: 60).contains { $0.text == "$ az acr check-health --name contoso" },
      "check commands get the registry filled in")
    press(&state, .down, .enter)  // C2: ruled out
    XCTAssertTrue(state.paneLines(width: 60).contains { $0.text.contains("ruled it out") })
  }

  func testTabSwitchesBetweenTreeAndPane() {
    var state = diagnosisState()
    press(&state, .tab)
    XCTAssertEqual(state.diagnosis.focus, .pane)
    press(&state, .tab)
    XCTAssertEqual(state.diagnosis.focus, .tree)
    press(&state, .tab, .escape)
    XCTAssertEqual(state.diagnosis.focus, .tree)
    XCTAssertEqual(state.screen, .diagnosis)
  }

  func testPaneScrollsWithinItsContent() {
    var state = diagnosisState()
    press(&state, .tab)
    press(&state, .down, .char("j"))
    XCTAssertEqual(state.diagnosis.pane.offset, 2)
    for _ in 0..<100 { press(&state, .down) }
    let lines = state.paneLines(width: paneArea(state).width).count
    XCTAssertEqual(state.diagnosis.pane.offset, lines - paneArea(state).height)
    press(&state, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
    XCTAssertEqual(state.diagnosis.pane.offset, 0)
  }

  func testEscapeFromTheTreeGoesBackToProbes() {
    var state = diagnosisState()
    press(&state, .escape)
    XCTAssertEqual(state.screen, .probes)
  }
}

final class ExportTests: XCTestCase {
  func testExportAsksFormatThenPathThenEmits() throws {
    var state = diagnosisState()
    press(&state, .char("x"))
    XCTAssertEqual(state.overlay, .exportFormat)
    press(&state, .char("j"))
    XCTAssertEqual(state.overlay, .exportPath(.json))
    XCTAssertEqual(state.exportPathField.text, "regdoctor-contoso-20261118-110640.json")
    let report = try XCTUnwrap(state.report)
    XCTAssertEqual(
      press(&state, .enter),
      [.export(ExportJob(format: .json, path: "regdoctor-contoso-20261118-110640.json", report: report))],
      "the effect carries the report on screen")
    XCTAssertNil(state.overlay)
    _ = update(&state, .exportFinished(.success("/tmp/r.json")))
    XCTAssertEqual(state.status, StatusMessage(text: "Report saved to /tmp/r.json", kind: .success))
  }

  func testMarkdownPathCanBeEdited() throws {
    var state = diagnosisState()
    press(&state, .char("x"), .char("m"))
    XCTAssertTrue(state.exportPathField.text.hasSuffix(".md"))
    press(&state, .ctrl("u"))
    type(&state, "out/report.md")
    let report = try XCTUnwrap(state.report)
    XCTAssertEqual(
      press(&state, .enter), [.export(ExportJob(format: .markdown, path: "out/report.md", report: report))])
  }

  func testEscapeCancelsTheExport() {
    var state = diagnosisState()
    press(&state, .char("x"), .escape)
    XCTAssertNil(state.overlay)
    press(&state, .char("x"), .char("m"), .escape)
    XCTAssertNil(state.overlay)
  }

  func testExportBeforeTheReportExplains() {
    var state = runningState()
    XCTAssertEqual(press(&state, .char("x")), [])
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.status?.kind, .error)
  }

  func testExportFailureIsShown() {
    var state = diagnosisState(.ja)
    _ = update(&state, .exportFinished(.failure(InputError("permission denied"))))
    XCTAssertEqual(state.status?.text, "書き出しに失敗しました: permission denied")
    XCTAssertTrue(view(state, size: state.size).text().contains("permission denied"))
  }
}

final class LayoutTests: XCTestCase {
  func testTooSmallTerminalShowsANotice() {
    var state = diagnosisState()
    _ = update(&state, .resize(Size(width: 59, height: 20)))
    XCTAssertEqual(state.keyContext, .tooSmall)
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("Terminal too small (need 60x16)"), text)
    XCTAssertEqual(press(&state, .char("j")), [], "keys other than quit do nothing")
    _ = update(&state, .resize(Size(width: 80, height: 24)))
    XCTAssertEqual(state.keyContext, .tree)
  }

  func testQuitWhileTooSmallDoesNotAskAQuestionItCannotShow() {
    var state = runningState()
    _ = update(&state, .resize(Size(width: 40, height: 10)))
    XCTAssertEqual(press(&state, .char("q")), [.cancelDiagnosis, .quit])
  }

  func testMinimumSizeStillLaysOut() {
    let state = diagnosisState(size: Size(width: 60, height: 16))
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("Conclusion:"))
    XCTAssertFalse(text.contains("too small"))
  }

  func testResizeKeepsTheCursorVisible() {
    var state = diagnosisState(size: Size(width: 120, height: 40))
    for _ in 0..<8 { press(&state, .down) }
    _ = update(&state, .resize(Size(width: 60, height: 16)))
    let tree = treeArea(state)
    XCTAssertTrue(
      (state.diagnosis.tree.offset..<(state.diagnosis.tree.offset + tree.height)).contains(state.diagnosis.tree.cursor))
  }

  func testEveryScreenFitsItsBufferAtManySizes() {
    // No row may be wider than the terminal, whatever the size (ScreenBuffer clips; this checks nothing crashes).
    for width in [60, 61, 79, 80, 99, 100, 120, 200] {
      for height in [16, 17, 24, 40] {
        for language in Language.allCases {
          let size = Size(width: width, height: height)
          for state in [
            symptomsState(language, size: size), runningState(language, size: size),
            diagnosisState(language, size: size),
          ] {
            let buffer = view(state, size: size)
            for line in buffer.text().split(separator: "\n") {
              XCTAssertLessThanOrEqual(displayWidth(of: String(line)), width)
            }
          }
        }
      }
    }
  }
}
