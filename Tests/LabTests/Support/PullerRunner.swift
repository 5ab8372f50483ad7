import Foundation
import XCTest

/// One scenario with a real puller: what the real pulls did, what regdoctor said, and how long each part took.
struct PullerRun {
  let scenario: String
  let engineStartSeconds: Double
  let dockerPull: CommandResult
  let containerdPull: CommandResult
  let diagnose: DiagnoseRun

  var line: String {
    let format = { (seconds: Double) in String(format: "%.2f", seconds) }
    return
      "[puller] \(scenario): docker pull \(dockerPull.status == 0 ? "ok" : "FAILS") (\(format(dockerPull.seconds)) s),"
      + " ctr pull \(containerdPull.status == 0 ? "ok" : "FAILS") (\(format(containerdPull.seconds)) s),"
      + " regdoctor exit \(diagnose.result.status) \(diagnose.report?.conclusion.finding ?? "none")"
      + " (\(format(diagnose.result.seconds)) s), dockerd+containerd start \(format(engineStartSeconds)) s"
  }

  /// The pull's own words, for the message of a failed assertion.
  var pullErrors: String {
    "docker: \(dockerPull.stderr.suffix(400))\nctr: \((containerdPull.stderr + containerdPull.stdout).suffix(400))"
  }
}

extension XCTestCase {
  /// Builds the scenario with a real Docker Engine, makes the real pulls, runs `regdoctor diagnose`, and checks
  /// both: the pulls' outcome, the report (`ScenarioCheck`), and that the exit code predicts the pull
  /// (0 ⇔ the pull gets through). Always tears the lab down.
  @discardableResult
  func runPullerScenario(_ scenario: LabScenario, file: StaticString = #filePath, line: UInt = #line)
    throws -> PullerRun
  {
    guard let puller = scenario.puller else { throw LabError("\(scenario.name) has no real puller") }
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "dockerd", "containerd", "ctr", "curl"])
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    guard let engine = lab.engine else { throw LabError("\(scenario.name): no Docker Engine started") }
    // regdoctor first: the pulls must not warm anything it looks at.
    let diagnose = try lab.diagnose(timeout: labDiagnoseTimeout)
    let run = PullerRun(
      scenario: scenario.name, engineStartSeconds: engine.startSeconds,
      dockerPull: try engine.dockerPull(puller.image), containerdPull: try engine.containerdPull(puller.image),
      diagnose: diagnose)
    print(run.line)
    if ProcessInfo.processInfo.environment["REGDOCTOR_LAB_VERBOSE"] == "1" {
      print(run.pullErrors)
      if let report = diagnose.report { print(ScenarioCheck.excerpt(report)) }
    }
    for pull in [run.dockerPull, run.containerdPull] {
      XCTAssertFalse(pull.timedOut, "\(scenario.name): `\(pull.commandLine)` hung", file: file, line: line)
      XCTAssertEqual(
        pull.status == 0, puller.pullSucceeds,
        "\(scenario.name): `\(pull.commandLine)` exited \(pull.status)\n\(run.pullErrors)", file: file, line: line)
      if let cause = puller.failureMentions, pull.status != 0 {
        XCTAssertTrue(
          (pull.stderr + pull.stdout).contains(cause),
          "\(scenario.name): the pull failed without naming \(cause)\n\(run.pullErrors)", file: file, line: line)
      }
    }
    XCTAssertEqual(
      diagnose.result.status == 0, run.dockerPull.status == 0,
      "\(scenario.name): regdoctor's exit \(diagnose.result.status) does not predict the pull "
        + "(docker pull exited \(run.dockerPull.status))\n\(run.pullErrors)", file: file, line: line)
    ScenarioCheck(scenario: scenario, run: diagnose, file: file, line: line).assertAll()
    // A secret the scenario holds (the daemon's proxy password) shows in no format (JSON is checked above).
    if !scenario.expect.absentText.isEmpty {
      for format in ["text", "markdown"] {
        let output = try lab.diagnose(timeout: labDiagnoseTimeout, format: format).result
        for secret in scenario.expect.absentText {
          XCTAssertFalse(
            (output.stdout + output.stderr).contains(secret),
            "\(scenario.name): the \(format) report shows \"\(secret)\"", file: file, line: line)
        }
      }
    }
    // The report's `pullers` section names the real daemon, and its path agrees where it is the daemon's own.
    let docker = diagnose.report?.pullers?.first { $0.kind == "docker" }
    XCTAssertEqual(
      docker?.version?.hasPrefix("20.10"), true, "\(scenario.name): pullers: \(String(describing: docker))")
    // dockerd reads no certs.d for Docker Hub itself (moby: tlsconfig.ServerDefault): the system bundle only.
    let trust = scenario.registry == "docker.io" ? "system" : "system+certs.d"
    XCTAssertEqual(docker?.trust, trust, "\(scenario.name): the daemon's trust for the registry")
    if puller.pullSucceeds {
      XCTAssertEqual(docker?.path, "ok", "\(scenario.name): the pull works, its path must be ok")
    } else if ["docker-daemon-proxy-fails", "puller-untrusted-certificate"].contains(
      diagnose.report?.conclusion.finding)
    {
      XCTAssertEqual(docker?.path, "fails", "\(scenario.name): the daemon's own path fails")
    }
    return run
  }
}
