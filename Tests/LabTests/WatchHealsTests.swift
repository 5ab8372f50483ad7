import Foundation
import XCTest

/// `diagnose --watch` while the fault is removed: the watch sees it fail, the test fixes it, the watch ends by
/// itself with exit 0 and a timeline line that names the moment and what cleared.
final class WatchHealsTests: XCTestCase {
  /// The registry answers, but its name has no record yet.
  static let recordMissing = LabScenario(
    name: "watch-record-missing", dns: [], registries: [RegistryServer(address: LabAddress.loginServer)],
    expect: Expectation("login-server-dns-failure"))

  func testTheWatchEndsWhenTheDroppedSYNsGetThrough() throws {
    try watchHeals(.synDropped, failing: "tcp-connect-timeout") { lab in try lab.removeFirewall() }
  }

  func testTheWatchEndsWhenTheMissingRecordIsAdded() throws {
    try watchHeals(Self.recordMissing, failing: "login-server-dns-failure") { lab in
      try lab.addRecords([(name: "contoso.azurecr.io", address: LabAddress.loginServer)])
    }
  }

  func watchHeals(
    _ scenario: LabScenario, failing finding: String, fix: (ScenarioLab) throws -> Void,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq"])
    let lab = try ScenarioLab(scenario)
    defer { lab.destroy() }
    let watch = try lab.startWatch(timeout: 1, interval: 1, watchFor: 60)
    defer { watch.terminate(grace: 1) }
    // The first look, failing, then the fix while it waits for the next.
    let failed = watch.stdout.waitForLine(until: Date(timeIntervalSinceNow: 30)) {
      $0.hasPrefix("+") && $0.contains("failing: \(finding)")
    }
    XCTAssertNotNil(failed, "no failing look in:\n\(watch.stdout.text)\n\(watch.stderr.text)", file: file, line: line)
    // The next look re-runs only the login server's probe tree (DNS, then TCP, TLS, HTTP), not the Docker
    // daemon's, the hosts file's or the nameservers' that passed.
    let partial = watch.stdout.waitForLine(until: Date(timeIntervalSinceNow: 30)) {
      $0.hasPrefix("+") && $0.contains("[re-ran ")
    }
    XCTAssertTrue(
      partial?.hasSuffix("[re-ran dns.login-server]") == true, "\(partial ?? watch.stdout.text)", file: file,
      line: line)
    try fix(lab)
    let status = watch.waitForExit(until: Date(timeIntervalSinceNow: 30))
    let output = watch.stdout.text
    XCTAssertEqual(status, 0, "the watch did not end healed:\n\(output)\n\(watch.stderr.text)", file: file, line: line)
    let healed = output.split(separator: "\n").first { $0.hasPrefix("+") && $0.contains("healed:") }
    XCTAssertNotNil(healed, "no healed line in:\n\(output)", file: file, line: line)
    XCTAssertTrue(healed?.contains("\(finding) cleared") == true, "\(healed ?? "")", file: file, line: line)
    print("[lab] watch \(scenario.name): \(healed ?? "")")
  }
}
