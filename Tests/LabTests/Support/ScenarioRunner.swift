import Foundation
import XCTest

/// `--timeout` given to regdoctor in every scenario.
let labDiagnoseTimeout = 2
/// How far past `--timeout` a run may go before the hang guard fails it (process start, report, slack for a
/// loaded CI machine). Not a performance assertion: it catches a diagnosis that is not bounded by its deadline.
let labHangGuardSlack = 3.0

extension XCTestCase {
  /// Builds the scenario, runs `regdoctor diagnose` in it, checks the report, and always tears the lab down.
  func runScenario(_ scenario: LabScenario, file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    try LabEnvironment.requireLab(
      tools: ["ip", "nft", "dnsmasq"] + (scenario.usesTinyproxy ? ["tinyproxy"] : []))
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    // Every probe waited for: the scenario's full evidence. Then as users run it, stopping once the conclusion is
    // decided: the same conclusion, cause and exit code, sooner where an answer decided it.
    let run = try lab.diagnose(timeout: labDiagnoseTimeout, extraArguments: ["--no-early-stop"])
    let early = try lab.diagnose(timeout: labDiagnoseTimeout)
    print(
      "[lab] \(scenario.name): \(String(format: "%.2f", run.result.seconds)) s wall (--timeout \(labDiagnoseTimeout)),"
        + " \(String(format: "%.2f", early.result.seconds)) s with early stop,"
        + " exit \(run.result.status), conclusion \(run.report?.conclusion.finding ?? "none")")
    LabTimes.record(scenario.name, waited: run, early: early)
    if ProcessInfo.processInfo.environment["REGDOCTOR_LAB_VERBOSE"] == "1", let report = run.report {
      print(ScenarioCheck.excerpt(report))
    }
    let check = ScenarioCheck(scenario: scenario, run: run, file: file, line: line)
    check.assertAll()
    check.assertSameVerdict(early)
  }
}

/// `REGDOCTOR_LAB_TIMES=FILE` appends one line per scenario: name, seconds waiting for every probe, seconds with
/// the early stop, conclusion (scripts/bench/early-stop reads it).
enum LabTimes {
  static func record(_ name: String, waited: DiagnoseRun, early: DiagnoseRun) {
    guard let path = ProcessInfo.processInfo.environment["REGDOCTOR_LAB_TIMES"], !path.isEmpty else { return }
    let line =
      "\(name)\t\(String(format: "%.3f", waited.result.seconds))\t\(String(format: "%.3f", early.result.seconds))"
      + "\t\(early.report?.conclusion.finding ?? "none")\n"
    guard let handle = FileHandle(forWritingAtPath: path) ?? create(path) else { return }
    handle.seekToEndOfFile()
    handle.write(Data(line.utf8))
    handle.closeFile()
  }

  private static func create(_ path: String) -> FileHandle? {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    return FileHandle(forWritingAtPath: path)
  }
}

extension LabScenario {
  var usesTinyproxy: Bool {
    if case .tinyproxy = proxy?.kind { return true }
    return false
  }
}

/// The assertions every scenario makes: bounded, parsed, the expected conclusion and evidence, the exit code.
struct ScenarioCheck {
  let scenario: LabScenario
  let run: DiagnoseRun
  let file: StaticString
  let line: UInt

  func assertAll() {
    let limit = Double(labDiagnoseTimeout) + labHangGuardSlack
    XCTAssertFalse(
      run.result.timedOut, "\(scenario.name): diagnose hung and was killed", file: file, line: line)
    XCTAssertLessThanOrEqual(
      run.result.seconds, limit,
      "\(scenario.name): diagnose took longer than --timeout + \(labHangGuardSlack) s",
      file: file, line: line)
    guard let report = run.report else {
      XCTFail(
        "\(scenario.name): output is not a JSON report (\(run.decodeError ?? "")); exit \(run.result.status)\n"
          + "stdout: \(run.result.stdout.prefix(2000))\nstderr: \(run.result.stderr.prefix(2000))",
        file: file, line: line)
      return
    }
    let expect = scenario.expect
    let context = "\(scenario.name):\n\(Self.excerpt(report))"
    XCTAssertTrue(
      expect.finding.contains(report.conclusion.finding),
      "conclusion.finding is \(report.conclusion.finding), expected \(expect.finding.sorted()) in \(context)",
      file: file, line: line)
    if !expect.cause.isEmpty {
      XCTAssertTrue(
        expect.cause.contains(report.conclusion.cause ?? ""),
        "conclusion.cause is \(report.conclusion.cause ?? "nil"), expected \(expect.cause.sorted()) in \(context)",
        file: file, line: line)
    }
    XCTAssertEqual(
      run.result.status, expect.exitCode, "exit code in \(context)", file: file, line: line)
    if expect.noErrorFindings {
      let errors = report.findings.filter { $0.severity == "error" }.map(\.id)
      XCTAssertEqual(
        errors, [], "error findings in a healthy scenario: \(context)", file: file, line: line)
    }
    for secret in expect.absentText {
      XCTAssertFalse(
        (run.result.stdout + run.result.stderr).contains(secret),
        "\(scenario.name): regdoctor's output shows \"\(secret)\"", file: file, line: line)
    }
    for check in expect.evidence {
      XCTAssertTrue(
        Self.holds(check, in: report), "evidence missing: \(check) in \(context)", file: file,
        line: line)
    }
  }

  /// The early stop changes when the report comes, never what it concludes: the same finding, cause and exit code
  /// as waiting for every probe; what it did not wait for is marked as stopped, not failed; no secret shows.
  func assertSameVerdict(_ early: DiagnoseRun) {
    guard let waited = run.report else { return }
    guard let report = early.report else {
      XCTFail("\(scenario.name): with early stop, no JSON report; exit \(early.result.status)", file: file, line: line)
      return
    }
    let context = "\(scenario.name) with early stop:\n\(Self.excerpt(report))"
    XCTAssertEqual(report.conclusion.finding, waited.conclusion.finding, context, file: file, line: line)
    XCTAssertEqual(report.conclusion.cause, waited.conclusion.cause, context, file: file, line: line)
    XCTAssertEqual(early.result.status, run.result.status, "exit code in \(context)", file: file, line: line)
    XCTAssertLessThanOrEqual(
      early.result.seconds, Double(labDiagnoseTimeout) + labHangGuardSlack, context, file: file, line: line)
    for id in report.stoppedAsNotNeeded ?? [] {
      let status = report.probes.first { $0.id == id }?.status
      XCTAssertEqual(status, "skip", "\(id) was stopped as not needed: \(context)", file: file, line: line)
    }
    for secret in scenario.expect.absentText {
      XCTAssertFalse(
        (early.result.stdout + early.result.stderr).contains(secret),
        "\(scenario.name): regdoctor's output shows \"\(secret)\" with early stop", file: file, line: line)
    }
  }

  static func holds(_ check: EvidenceCheck, in report: DiagnoseReport) -> Bool {
    switch check {
    case .probe(let prefix, let status):
      return report.probes.contains { $0.id.hasPrefix(prefix) && $0.status == status }
    case .probeMentions(let prefix, let text):
      return report.probes.contains { $0.id.hasPrefix(prefix) && $0.text.contains(text) }
    case .findingMentions(let id, let text):
      return report.findings.contains { $0.id == id && $0.text.contains(text) }
    case .finding(let id):
      return report.findings.contains { $0.id == id }
    }
  }

  /// What to paste into a message to the lead: conclusion, ranked findings, every probe's status and summary.
  static func excerpt(_ report: DiagnoseReport) -> String {
    var lines = ["  conclusion: \(report.conclusion.finding) (\(report.conclusion.cause ?? "-"))"]
    for finding in report.findings {
      lines.append(
        "  finding \(finding.id) [\(finding.severity)]: \((finding.evidence ?? []).joined(separator: "; "))"
      )
    }
    for probe in report.probes {
      lines.append("  probe \(probe.id) \(probe.status): \(probe.text.prefix(300))")
    }
    return lines.joined(separator: "\n")
  }
}
