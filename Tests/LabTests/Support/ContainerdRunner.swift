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
    assertSinglePullerAgreement(
      scenario, puller, kind: "containerd", pullName: "the CRI pull", pull: pull, diagnose: diagnose,
      extraTiming: ", containerd start \(String(format: "%.2f", engine.startSeconds)) s", file: file, line: line)
    return (pull, diagnose)
  }
}
