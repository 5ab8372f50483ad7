import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Used by `lab/run-scenario NAME`: builds the scenario named by REGDOCTOR_LAB_SCENARIO, prints regdoctor's text
/// report, writes /tmp/rdlab-kept/NAME.env (namespace and client environment) and holds the lab until something
/// is written to the FIFO /tmp/rdlab-kept/NAME.release; then tears it down as usual. Skipped without the variable.
final class ManualScenarioTests: XCTestCase {
  func testHoldScenarioNamedInEnvironment() throws {
    guard let name = ProcessInfo.processInfo.environment["REGDOCTOR_LAB_SCENARIO"] else {
      throw XCTSkip("set REGDOCTOR_LAB_SCENARIO (see lab/run-scenario)")
    }
    guard let scenario = LabScenario.all.first(where: { $0.name == name }) else {
      XCTFail("no scenario \(name); known: \(LabScenario.all.map(\.name).joined(separator: " "))")
      return
    }
    try LabEnvironment.requireLab(
      tools: ["ip", "nft", "dnsmasq"] + (scenario.usesTinyproxy ? ["tinyproxy"] : []))
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    let report = try lab.diagnose(timeout: labDiagnoseTimeout, format: "text")
    print(report.result.stdout + report.result.stderr)

    let directory = "/tmp/rdlab-kept"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let release = "\(directory)/\(name).release"
    unlink(release)
    guard mkfifo(release, 0o600) == 0 else { throw LabError("mkfifo \(release) failed") }
    defer { unlink(release) }
    var environment =
      "NS=\(lab.namespace.name)\nREGDOCTOR=\(try LabEnvironment.executable("regdoctor"))\n"
    for (key, value) in lab.clientEnvironment.sorted(by: { $0.key < $1.key }) {
      environment += "ENV_\(key)=\(value)\n"
    }
    let envFile = "\(directory)/\(name).env"
    try environment.write(toFile: envFile, atomically: true, encoding: .utf8)
    defer { unlink(envFile) }
    print(
      "[lab] holding \(name) in namespace \(lab.namespace.name); release with: echo > \(release)")
    // Blocks until the script (or a person) opens the FIFO for writing.
    let descriptor = open(release, O_RDONLY)
    if descriptor >= 0 {
      var byte: UInt8 = 0
      _ = read(descriptor, &byte, 1)
      close(descriptor)
    }
  }
}
