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
    assertSinglePullerAgreement(
      scenario, puller, kind: "podman", pullName: "podman pull", pull: pull, diagnose: diagnose, file: file, line: line)
    return (pull, diagnose)
  }
}
