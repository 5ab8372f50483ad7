import DoctorCore
import XCTest

@testable import WizardUI

final class ProbeScreenTests: XCTestCase {
  func testStartedAndFinishedEventsFillRowsInOrder() {
    var state = runningState()
    let run = state.run
    _ = update(&state, .probeStarted(run: run, id: "dns.login-server", title: "DNS", target: "contoso.azurecr.io"))
    _ = update(&state, .probeStarted(run: run, id: "docker.daemon", title: "Docker", target: "/var/run/docker.sock"))
    XCTAssertEqual(state.probes.rows.map(\.id), ["dns.login-server", "docker.daemon"])
    XCTAssertNil(state.probes.rows[0].result)
    _ = update(&state, .probeFinished(run: run, Fixtures.probes[0]))
    XCTAssertEqual(state.probes.rows[0].result?.status, .pass)
    XCTAssertEqual(state.probes.rows[0].title, "DNS", "the title from .started is kept")
  }

  /// While a silence is waited out, the conclusion so far shows under the status line, marked as not yet
  /// confirmed; the report replaces it with the confirmed conclusion.
  func testTheLikelyConclusionShowsUntilTheReportConfirmsIt() {
    var state = runningState()
    let likely = Fixtures.report.conclusion
    _ = update(&state, .likelyConclusion(run: state.run, likely, confirmingUntilSeconds: 5))
    let running = view(state, size: state.size).text()
    XCTAssertTrue(running.contains("Likely (confirming until 5 s): A firewall drops"), running)
    _ = update(&state, .likelyConclusion(run: state.run - 1, likely, confirmingUntilSeconds: 5))
    _ = update(&state, .reportReady(run: state.run, Fixtures.report))
    XCTAssertNil(state.probes.likely)
    let done = view(state, size: state.size).text()
    XCTAssertFalse(done.contains("Likely"), done)
    XCTAssertTrue(done.contains("Conclusion: "), done)
  }

  func testALikelyConclusionOfAnEarlierRunIsIgnored() {
    var state = runningState()
    _ = update(
      &state, .likelyConclusion(run: state.run - 1, Fixtures.report.conclusion, confirmingUntilSeconds: 5))
    XCTAssertNil(state.probes.likely)
  }

  func testAFinishedProbeThatNeverStartedStillGetsARow() {
    var state = runningState()
    _ = update(&state, .probeFinished(run: state.run, Fixtures.probes[1]))
    XCTAssertEqual(state.probes.rows.map(\.id), ["tcp.login-server.20.43.65.1"])
  }

  func testAllDoneKeepsTheReportAndOpensTheLikelyPath() {
    var state = runningState()
    feedAllProbes(&state)
    XCTAssertEqual(state.runPhase, .done)
    XCTAssertNotNil(state.report)
    XCTAssertEqual(state.screen, .probes, "the user sees the final statuses first")
    XCTAssertEqual(state.diagnosis.expanded, [.cause(.clientFirewallOrProxy), .finding(0)])
    XCTAssertEqual(state.diagnosis.openedNode, .finding(0))
    press(&state, .enter)
    XCTAssertEqual(state.screen, .diagnosis)
  }

  func testReportRowsComeFromTheReportWhenNoEventPreceded() {
    var state = runningState()
    _ = update(&state, .reportReady(run: state.run, Fixtures.report))
    XCTAssertEqual(state.runPhase, .done)
    XCTAssertEqual(state.probes.rows.count, Fixtures.probes.count, "rows come from the report's probes")
  }

  func testEnterDoesNothingBeforeTheReport() {
    var state = runningState()
    press(&state, .enter)
    XCTAssertEqual(state.screen, .probes)
  }

  func testTicksTurnTheSpinnerOnlyWhileRunning() {
    var state = runningState()
    _ = update(&state, .tick)
    _ = update(&state, .tick)
    XCTAssertEqual(state.probes.spinnerFrame, 2)
    XCTAssertTrue(state.wantsTicks)
    feedAllProbes(&state)
    _ = update(&state, .tick)
    XCTAssertEqual(state.probes.spinnerFrame, 2)
    XCTAssertFalse(state.wantsTicks)
  }

  func testCancelStopsTheRunAndIgnoresItsLateEvents() {
    var state = runningState()
    let run = state.run
    _ = update(&state, .probeStarted(run: run, id: "dns.login-server", title: "DNS", target: "x"))
    XCTAssertEqual(press(&state, .char("c")), [.cancelDiagnosis])
    XCTAssertEqual(state.runPhase, .cancelled)
    guard case .cancelled = state.probes.rows[0].status else { return XCTFail("row not cancelled") }
    _ = update(&state, .probeFinished(run: run, Fixtures.probes[0]))
    _ = update(&state, .reportReady(run: run, Fixtures.report))
    XCTAssertNil(state.report)
    XCTAssertNil(state.probes.rows[0].result)
    XCTAssertEqual(press(&state, .char("c")), [], "nothing left to cancel")
  }

  func testRerunWhileRunningCancelsAndStartsANewRun() {
    var state = runningState()
    let first = state.run
    let effects = press(&state, .char("r"))
    XCTAssertEqual(effects.count, 2)
    XCTAssertEqual(effects.first, .cancelDiagnosis)
    let request = effects.last?.request
    XCTAssertNotNil(request)
    XCTAssertGreaterThan(request?.run ?? 0, first)
    XCTAssertEqual(state.run, request?.run)
    XCTAssertEqual(state.runPhase, .running)
    _ = update(&state, .probeStarted(run: first, id: "old", title: "old", target: "old"))
    XCTAssertTrue(state.probes.rows.isEmpty, "events of the old run are ignored")
  }

  func testRerunAfterDoneFromTheTreeGoesBackToProbes() {
    var state = diagnosisState()
    let effects = press(&state, .char("r"))
    XCTAssertEqual(effects.map { $0.request?.symptoms }, [[]])
    XCTAssertEqual(state.screen, .probes)
    XCTAssertNil(state.report)
    XCTAssertTrue(state.probes.rows.isEmpty)
  }

  func testQuitWhileRunningAsksFirst() {
    var state = runningState()
    XCTAssertEqual(press(&state, .char("q")), [])
    XCTAssertEqual(state.overlay, .confirmQuit)
    XCTAssertEqual(state.keyContext, .confirmQuit)
    XCTAssertEqual(press(&state, .char("n")), [])
    XCTAssertNil(state.overlay)
    press(&state, .char("q"))
    XCTAssertEqual(press(&state, .char("y")), [.cancelDiagnosis, .quit])
    XCTAssertTrue(state.finished)
  }

  func testCtrlCQuitsAtOnceEvenWhileRunning() {
    var state = runningState()
    XCTAssertEqual(press(&state, .ctrlC), [.cancelDiagnosis, .quit])
    var idle = symptomsState()
    press(&idle, .char("e"))
    XCTAssertEqual(press(&idle, .ctrlC), [.quit], "also from inside a text field")
  }

  func testTerminateMessageQuits() {
    var state = runningState()
    XCTAssertEqual(update(&state, .terminate), [.cancelDiagnosis, .quit])
  }

  func testBackWhileRunningCancels() {
    var state = runningState()
    XCTAssertEqual(press(&state, .escape), [.cancelDiagnosis])
    XCTAssertEqual(state.screen, .symptoms)
    XCTAssertEqual(state.runPhase, .cancelled)
  }

  func testAResultThatCameWithAnotherIsItsChildRow() {
    var state = runningState()
    let login = Endpoint(host: "contoso.azurecr.io", role: .loginServer)
    let http = HTTPFacts(
      endpoint: login, path: .direct, requestPath: "/v2/", outcome: .response, statusCode: 401, reasonPhrase: nil,
      challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])
    var child = ProbeResult(
      id: "http.login-server", target: "contoso.azurecr.io:443", status: .pass, durationMs: 9, summary: "401",
      facts: .http(http))
    child.parentID = "tls.login-server"
    let parent = ProbeResult(
      id: "tls.login-server", target: "contoso.azurecr.io:443", status: .pass, durationMs: 8, summary: "TLS 1.3")
    _ = update(
      &state, .probeStarted(run: state.run, id: "tls.login-server", title: "TLS+HTTP login-server", target: ""))
    _ = update(&state, .probeStarted(run: state.run, id: "dns.data-endpoint", title: "DNS data-endpoint", target: ""))
    _ = update(&state, .probeFinished(run: state.run, parent))
    _ = update(&state, .probeFinished(run: state.run, child))
    XCTAssertEqual(state.probes.rows.map(\.id), ["tls.login-server", "http.login-server", "dns.data-endpoint"])
    XCTAssertEqual(state.probes.labels, ["TLS login-server", "└ HTTP", "DNS data-endpoint"])
  }

  func testCursorMovesOverProbeRows() {
    var state = runningState()
    feedAllProbes(&state)
    press(&state, .down, .char("j"))
    XCTAssertEqual(state.probes.list.cursor, 2)
    for _ in 0..<20 { press(&state, .down) }
    XCTAssertEqual(state.probes.list.cursor, Fixtures.probes.count - 1)
  }

  func testPhaseTimingsAreShortAndCurlLike() {
    XCTAssertEqual(
      phaseSummary([
        PhaseTiming(.namelookup, 3.2), PhaseTiming(.connect, 12), PhaseTiming(.appconnect, 40),
        PhaseTiming(.starttransfer, 80),
      ]),
      "dns 3ms tcp 12ms tls 40ms ttfb 80ms")
    XCTAssertEqual(compactMs(1234), "1.2s")
    XCTAssertEqual(compactMs(.nan), "-")
  }
}
