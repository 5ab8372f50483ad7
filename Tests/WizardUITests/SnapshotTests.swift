import DoctorCore
import Foundation
import XCTest

@testable import WizardUI

/// Golden-text snapshots of whole screens. Set REGDOCTOR_RECORD_SNAPSHOTS=1 to rewrite the files under
/// Snapshots/, then review them with `git diff`.
final class SnapshotTests: XCTestCase {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  func testRegistryScreen() {
    forEachVariant("registry") { language, size in
      AppState(config: Fixtures.config(language), size: size, registry: "contoso")
    }
  }

  func testRegistryScreenWithError() {
    forEachVariant("registry-error") { language, size in
      var state = AppState(config: Fixtures.config(language), size: size, registry: "contoso;rm")
      press(&state, .enter)
      return state
    }
  }

  func testSymptomsScreen() {
    forEachVariant("symptoms") { language, size in
      var state = symptomsState(language, size: size)
      press(&state, .char("e"))
      type(&state, "Client.Timeout exceeded while awaiting headers")
      press(&state, .enter, .down, .down)
      return state
    }
  }

  func testSymptomsFiltered() {
    forEachVariant("symptoms-filter") { language, size in
      var state = symptomsState(language, size: size)
      press(&state, .char("/"))
      type(&state, "S1")
      return state
    }
  }

  func testProbesRunning() {
    forEachVariant("probes-running") { language, size in
      var state = runningState(language, size: size)
      for probe in Fixtures.probes.prefix(4) {
        _ = update(&state, .probeStarted(run: state.run, id: probe.id, title: probe.id.rawValue, target: probe.target))
      }
      for probe in Fixtures.probes.prefix(3) { _ = update(&state, .probeFinished(run: state.run, probe)) }
      for _ in 0..<3 { _ = update(&state, .tick) }
      return state
    }
  }

  func testProbesDone() {
    forEachVariant("probes-done") { language, size in
      var state = runningState(language, size: size)
      feedAllProbes(&state, report: language == .ja ? Fixtures.reportJA : Fixtures.report)
      press(&state, .down)
      return state
    }
  }

  func testDiagnosisTree() {
    forEachVariant("diagnosis") { language, size in diagnosisState(language, size: size) }
  }

  func testRemedyPane() {
    forEachVariant("diagnosis-remedy") { language, size in
      var state = diagnosisState(language, size: size)
      press(&state, .down, .enter)
      return state
    }
  }

  func testHelpOverlay() {
    forEachVariant("help") { language, size in
      var state = diagnosisState(language, size: size)
      press(&state, .char("?"))
      return state
    }
  }

  func testExportOverlay() {
    forEachVariant("export") { language, size in
      var state = diagnosisState(language, size: size)
      press(&state, .char("x"), .char("m"))
      return state
    }
  }

  func testConfirmQuitOverlay() {
    forEachVariant("confirm-quit") { language, size in
      var state = runningState(language, size: size)
      press(&state, .char("q"))
      return state
    }
  }

  func testTooSmall() {
    for language in Language.allCases {
      let state = diagnosisState(language, size: Size(width: 50, height: 12))
      assertSnapshot(view(state, size: state.size), named: "too-small-\(language.rawValue)")
    }
  }

  func testASCIIFallback() {
    var state = AppState(
      config: Fixtures.config(.en, ascii: true), size: Size(width: 80, height: 24), registry: "contoso")
    press(&state, .enter, .enter)
    feedAllProbes(&state)
    press(&state, .enter)
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), text)
    assertSnapshot(view(state, size: state.size), named: "diagnosis-ascii-80x24-en")
  }

  // MARK: Support

  private func forEachVariant(
    _ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Language, Size) -> AppState
  ) {
    for language in Language.allCases {
      for size in Self.sizes {
        let state = make(language, size)
        assertSnapshot(
          view(state, size: size), named: "\(name)-\(size.width)x\(size.height)-\(language.rawValue)", file: file,
          line: line)
      }
    }
  }
}

private let snapshotDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
  "Snapshots")

/// Compares a screen with its golden file, or (re)writes the file when REGDOCTOR_RECORD_SNAPSHOTS=1.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
  let url = snapshotDirectory.appendingPathComponent("\(name).txt")
  let actual = buffer.text() + "\n"
  if ProcessInfo.processInfo.environment["REGDOCTOR_RECORD_SNAPSHOTS"] == "1" {
    try? FileManager.default.createDirectory(at: snapshotDirectory, withIntermediateDirectories: true)
    XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    XCTFail("no snapshot \(url.path); run with REGDOCTOR_RECORD_SNAPSHOTS=1 to record it", file: file, line: line)
    return
  }
  guard expected != actual else { return }
  XCTFail("snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: actual))", file: file, line: line)
}

/// The rows that differ, as `-expected` / `+actual` pairs with row numbers.
private func lineDiff(expected: String, actual: String) -> String {
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var out: [String] = []
  for row in 0..<max(e.count, a.count) {
    let left = row < e.count ? String(e[row]) : "<missing>"
    let right = row < a.count ? String(a[row]) : "<missing>"
    if left != right { out += ["row \(row):", "-\(left)", "+\(right)"] }
  }
  return out.joined(separator: "\n")
}
