import Foundation
import XCTest

extension XCTestCase {
  /// A Kubernetes node's scenario: containerd alone (CRI enabled) in the namespace. regdoctor first, then the
  /// real CRI pull; the exit code must predict it (0 ⇔ pulled), the conclusion name the cause, and the report's
  /// `pullers` name containerd with its path. Always tears the lab down.
  @discardableResult
  func runContainerdScenario(_ scenario: LabScenario, file: StaticString = #filePath, line: UInt = #line)
    throws -> (pull: CommandResult, diagnose: DiagnoseRun)
  {
    guard let puller = scenario.puller, puller.kind == .containerd else {
      throw LabError("\(scenario.name) is not a containerd node")
    }
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "containerd", "curl"])
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    guard let engine = lab.engine else { throw LabError("\(scenario.name): no containerd started") }
    let diagnose = try lab.diagnose(timeout: labDiagnoseTimeout)
    let pull = try engine.criPull(puller.image)
    let format = { (seconds: Double) in String(format: "%.2f", seconds) }
    print(
      "[containerd] \(scenario.name): CRI pull \(pull.status == 0 ? "ok" : "FAILS") (\(format(pull.seconds)) s),"
        + " regdoctor exit \(diagnose.result.status) \(diagnose.report?.conclusion.finding ?? "none")"
        + " (\(format(diagnose.result.seconds)) s), containerd start \(format(engine.startSeconds)) s")
    let pullError = String((pull.stderr + pull.stdout).suffix(600))
    if ProcessInfo.processInfo.environment["REGDOCTOR_LAB_VERBOSE"] == "1" {
      print(pullError)
      if let report = diagnose.report { print(ScenarioCheck.excerpt(report)) }
    }
    XCTAssertFalse(pull.timedOut, "\(scenario.name): the CRI pull hung", file: file, line: line)
    XCTAssertEqual(
      pull.status == 0, puller.pullSucceeds, "\(scenario.name): CRI pull status \(pull.status)\n\(pullError)",
      file: file, line: line)
    if let cause = puller.failureMentions, pull.status != 0 {
      XCTAssertTrue(
        pullError.contains(cause), "\(scenario.name): the pull failed without naming \(cause)\n\(pullError)",
        file: file, line: line)
    }
    XCTAssertEqual(
      diagnose.result.status == 0, pull.status == 0,
      "\(scenario.name): regdoctor's exit \(diagnose.result.status) does not predict the CRI pull\n\(pullError)",
      file: file, line: line)
    ScenarioCheck(scenario: scenario, run: diagnose, file: file, line: line).assertAll()
    let containerd = diagnose.report?.pullers?.first { $0.kind == "containerd" }
    XCTAssertEqual(
      containerd?.path, pull.status == 0 ? "ok" : "fails",
      "\(scenario.name): pullers: \(String(describing: containerd))",
      file: file, line: line)
    return (pull, diagnose)
  }
}
