import DoctorCore
import XCTest

@testable import WizardUI

/// `w` on the diagnosis screen: the watch's effects, its timeline pane, its end when healed, `w`/Esc to stop.
final class WatchPaneTests: XCTestCase {
  static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30)]

  static func healthy(_ language: Language) -> Report {
    Report(
      registry: Fixtures.target, language: language, symptoms: [.s2], probes: Fixtures.probes,
      findings: [
        Finding(
          id: .noNetworkProblem, cause: .none, severity: .info, title: "No network problem found",
          why: "Every probe passed.", evidence: [], probeIDs: [], remedies: [])
      ],
      conclusion: Conclusion(finding: .noNetworkProblem, cause: .none, summary: "No network problem found"),
      elapsedMs: 40)
  }

  static func failing(_ language: Language) -> Report { language == .ja ? Fixtures.reportJA : Fixtures.report }

  /// The diagnosis screen after `w` and two looks still failing, the second re-running only the login server's
  /// probes and held by a cached answer.
  func watchingState(_ language: Language, size: Size) -> AppState {
    var state = diagnosisState(language, size: size)
    let effects = press(&state, .char("w"))
    guard case .startWatch(let watch) = effects.first else {
      XCTFail("w did not start a watch: \(effects)")
      return state
    }
    _ = update(
      &state, .watchLooked(watch: watch.watch, WatchLook(report: Self.failing(language), atMs: 5012, rerun: nil)))
    _ = update(
      &state,
      .watchLooked(
        watch: watch.watch,
        WatchLook(
          report: Self.failing(language), atMs: 10030, rerun: ["dns.login-server"],
          heldBy: ["systemd-resolved caches answers at 127.0.0.53: flush with resolvectl flush-caches"])))
    return state
  }

  func testWStartsAWatchOfTheRequestOnScreenAndWOrEscStopsIt() throws {
    var state = diagnosisState(.en)
    XCTAssertTrue(state.isAvailable(.watch))
    let effects = press(&state, .char("w"))
    guard case .startWatch(let watch) = try XCTUnwrap(effects.first) else { return XCTFail("\(effects)") }
    XCTAssertEqual(watch.request, state.lastRequest)
    XCTAssertEqual(state.keyContext, .watching)
    XCTAssertEqual(press(&state, .char("r")), [], "no re-run while watching")
    XCTAssertEqual(press(&state, .escape), [.stopWatch])
    XCTAssertEqual(state.keyContext, .tree)
    XCTAssertEqual(state.watch?.phase, .stopped)
    _ = press(&state, .char("w"))
    XCTAssertEqual(press(&state, .char("w")), [.stopWatch])
  }

  func testAHealedLookEndsTheWatchAndTheTreeShowsTheHealedDiagnosis() throws {
    var state = watchingState(.en, size: Size(width: 80, height: 24))
    let id = try XCTUnwrap(state.watch?.id)
    _ = update(&state, .watchLooked(watch: id, WatchLook(report: Self.healthy(.en), atMs: 15050, rerun: nil)))
    XCTAssertEqual(state.watch?.phase, .healed)
    XCTAssertEqual(state.report?.conclusion.finding, .noNetworkProblem)
    XCTAssertEqual(state.keyContext, .tree, "the keys are the tree's again")
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("healed: no-network-problem"), text)
    XCTAssertTrue(text.contains("Healed at +15.05 s"), text)
    // A late look of the ended watch changes nothing.
    _ = update(&state, .watchLooked(watch: id, WatchLook(report: Self.failing(.en), atMs: 20000, rerun: nil)))
    XCTAssertEqual(state.report?.conclusion.finding, .noNetworkProblem)
    XCTAssertFalse(state.isAvailable(.watch), "nothing left to watch")
  }

  func testQuittingWhileWatchingStopsTheWatch() {
    var state = watchingState(.en, size: Size(width: 80, height: 24))
    XCTAssertEqual(press(&state, .char("q")), [.stopWatch, .quit])
  }

  func testTheHelpOverlayListsTheWatchKey() {
    var state = diagnosisState(.ja)
    _ = press(&state, .char("?"))
    XCTAssertTrue(state.keyMap.bindings(in: .tree).contains { $0.action == .watch })
    XCTAssertTrue(view(state, size: state.size).text().contains("監視"))
  }

  func testWatchPaneSnapshots() {
    for language in Language.allCases {
      for size in Self.sizes {
        let state = watchingState(language, size: size)
        assertSnapshot(view(state, size: size), named: "watch-\(size.width)x\(size.height)-\(language.rawValue)")
        var healed = state
        if let id = healed.watch?.id {
          _ = update(
            &healed, .watchLooked(watch: id, WatchLook(report: Self.healthy(language), atMs: 15050, rerun: nil)))
        }
        assertSnapshot(
          view(healed, size: size), named: "watch-healed-\(size.width)x\(size.height)-\(language.rawValue)")
      }
    }
  }
}
