import Foundation
import XCTest

extension XCTestCase {
  /// What a scenario with one real puller (containerd's CRI pull, podman) asserts once regdoctor and the pull have
  /// run: the pull behaved as the scenario says (and its error names the cause), regdoctor's exit code predicts it
  /// (0 ⇔ pulled), the conclusion is the scenario's, and the report's `pullers` entry for `kind` agrees on the path.
  func assertSinglePullerAgreement(
    _ scenario: LabScenario, _ puller: RealPuller, kind: String, pullName: String, pull: CommandResult,
    diagnose: DiagnoseRun, extraTiming: String = "", file: StaticString, line: UInt
  ) {
    let format = { (seconds: Double) in String(format: "%.2f", seconds) }
    print(
      "[\(kind)] \(scenario.name): \(pullName) \(pull.status == 0 ? "ok" : "FAILS") (\(format(pull.seconds)) s),"
        + " regdoctor exit \(diagnose.result.status) \(diagnose.report?.conclusion.finding ?? "none")"
        + " (\(format(diagnose.result.seconds)) s)\(extraTiming)")
    let pullError = String((pull.stderr + pull.stdout).suffix(600))
    if ProcessInfo.processInfo.environment["REGDOCTOR_LAB_VERBOSE"] == "1" {
      print(pullError)
      if let report = diagnose.report { print(ScenarioCheck.excerpt(report)) }
    }
    XCTAssertFalse(pull.timedOut, "\(scenario.name): \(pullName) hung", file: file, line: line)
    XCTAssertEqual(
      pull.status == 0, puller.pullSucceeds, "\(scenario.name): \(pullName) status \(pull.status)\n\(pullError)",
      file: file, line: line)
    if let cause = puller.failureMentions, pull.status != 0 {
      XCTAssertTrue(
        pullError.contains(cause), "\(scenario.name): the pull failed without naming \(cause)\n\(pullError)",
        file: file, line: line)
    }
    XCTAssertEqual(
      diagnose.result.status == 0, pull.status == 0,
      "\(scenario.name): regdoctor's exit \(diagnose.result.status) does not predict \(pullName)\n\(pullError)",
      file: file, line: line)
    ScenarioCheck(scenario: scenario, run: diagnose, file: file, line: line).assertAll()
    let entry = diagnose.report?.pullers?.first { $0.kind == kind }
    XCTAssertEqual(
      entry?.path, pull.status == 0 ? "ok" : "fails", "\(scenario.name): pullers: \(String(describing: entry))",
      file: file, line: line)
  }
}
