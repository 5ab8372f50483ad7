import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Used by `lab/run-scenario NAME`: builds the scenario named by REGDOCTOR_LAB_SCENARIO, writes regdoctor's text
/// report to /tmp/rdlab-kept/NAME.report and /tmp/rdlab-kept/NAME.env (namespace and client environment) and holds the lab until something
/// is written to the FIFO /tmp/rdlab-kept/NAME.release; then tears it down as usual. Skipped without the variable.
final class ManualScenarioTests: XCTestCase {
  func testHoldScenarioNamedInEnvironment() throws {
    guard let name = ProcessInfo.processInfo.environment["REGDOCTOR_LAB_SCENARIO"] else {
      throw XCTSkip("set REGDOCTOR_LAB_SCENARIO (see lab/run-scenario)")
    }
    let known = LabScenario.all + LabScenario.pullers + LabScenario.containerdNodes
    guard let scenario = known.first(where: { $0.name == name }) else {
      XCTFail("no scenario \(name); known: \(known.map(\.name).joined(separator: " "))")
      return
    }
    try LabEnvironment.requireLab(
      tools: ["ip", "nft", "dnsmasq"] + (scenario.usesTinyproxy ? ["tinyproxy"] : []))
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    let report = try lab.diagnose(timeout: labDiagnoseTimeout, format: "text")
    let directory = "/tmp/rdlab-kept"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // swift test holds the test's stdout until it ends, so the script reads the report from a file.
    let reportFile = "\(directory)/\(name).report"
    try (report.result.stdout + report.result.stderr).write(
      toFile: reportFile, atomically: true, encoding: .utf8)
    defer { unlink(reportFile) }
    let release = "\(directory)/\(name).release"
    unlink(release)
    guard mkfifo(release, 0o600) == 0 else { throw LabError("mkfifo \(release) failed") }
    defer { unlink(release) }
    // The wizard gets the scenario's registry and options (a data endpoint's --region, say), one per line.
    var environment =
      "NS=\(lab.namespace.name)\nREGDOCTOR=\(try LabEnvironment.executable("regdoctor"))\n"
      + "REGISTRY=\(scenario.registry)\n" + scenario.arguments.map { "ARG=\($0)\n" }.joined()
    for (key, value) in lab.clientEnvironment.sorted(by: { $0.key < $1.key }) {
      environment += "ENV_\(key)=\(value)\n"
    }
    let envFile = "\(directory)/\(name).env"
    try environment.write(toFile: envFile, atomically: true, encoding: .utf8)
    defer { unlink(envFile) }
    print(
      "[lab] holding \(name) in namespace \(lab.namespace.name); release with: echo > \(release)")
    waitForRelease(fifo: release)
  }

  /// Returns when something is written to the FIFO, when the script that started this test
  /// (REGDOCTOR_LAB_HOLDER_PID) is gone, or after 8 hours: a lab is never held forever.
  private func waitForRelease(fifo: String) {
    let holder = ProcessInfo.processInfo.environment["REGDOCTOR_LAB_HOLDER_PID"].flatMap {
      pid_t($0)
    }
    // Non-blocking open: a read end opens without a writer, and poll() reports the first write.
    let descriptor = open(fifo, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let deadline = Date(timeIntervalSinceNow: 8 * 3600)
    while Date() < deadline {
      if poll(&entry, 1, 1000) > 0 { return }
      if let holder, kill(holder, 0) != 0, errno == ESRCH { return }
    }
  }
}
