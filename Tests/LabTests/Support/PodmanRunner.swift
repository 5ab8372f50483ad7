import Foundation
import XCTest

extension XCTestCase {
  /// A podman host's scenario: regdoctor first, then the real `podman pull` with the same environment; the exit
  /// code must predict it (0 ⇔ pulled), the conclusion name the cause, and the report's `pullers` name podman
  /// with its path. Always tears the lab down.
  @discardableResult
  func runPodmanScenario(_ scenario: LabScenario, file: StaticString = #filePath, line: UInt = #line)
    throws -> (pull: CommandResult, diagnose: DiagnoseRun)
  {
    guard let puller = scenario.puller, puller.kind == .podman else {
      throw LabError("\(scenario.name) is not a podman host")
    }
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "podman", "curl"])
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    guard let podman = lab.podman else { throw LabError("\(scenario.name): no podman set up") }
    let diagnose = try lab.diagnose(timeout: labDiagnoseTimeout)
    let pull = try podman.pull(puller.image, environment: lab.clientEnvironment)
    let format = { (seconds: Double) in String(format: "%.2f", seconds) }
    print(
      "[podman] \(scenario.name): podman pull \(pull.status == 0 ? "ok" : "FAILS") (\(format(pull.seconds)) s),"
        + " regdoctor exit \(diagnose.result.status) \(diagnose.report?.conclusion.finding ?? "none")"
        + " (\(format(diagnose.result.seconds)) s)")
    let pullError = String((pull.stderr + pull.stdout).suffix(600))
    if ProcessInfo.processInfo.environment["REGDOCTOR_LAB_VERBOSE"] == "1" {
      print(pullError)
      if let report = diagnose.report { print(ScenarioCheck.excerpt(report)) }
    }
    XCTAssertFalse(pull.timedOut, "\(scenario.name): podman pull hung", file: file, line: line)
    XCTAssertEqual(
      pull.status == 0, puller.pullSucceeds, "\(scenario.name): podman pull status \(pull.status)\n\(pullError)",
      file: file, line: line)
    if let cause = puller.failureMentions, pull.status != 0 {
      XCTAssertTrue(
        pullError.contains(cause), "\(scenario.name): the pull failed without naming \(cause)\n\(pullError)",
        file: file, line: line)
    }
    XCTAssertEqual(
      diagnose.result.status == 0, pull.status == 0,
      "\(scenario.name): regdoctor's exit \(diagnose.result.status) does not predict podman pull\n\(pullError)",
      file: file, line: line)
    ScenarioCheck(scenario: scenario, run: diagnose, file: file, line: line).assertAll()
    let entry = diagnose.report?.pullers?.first { $0.kind == "podman" }
    XCTAssertEqual(
      entry?.path, pull.status == 0 ? "ok" : "fails", "\(scenario.name): pullers: \(String(describing: entry))",
      file: file, line: line)
    return (pull, diagnose)
  }
}
