import Foundation
import XCTest

/// A watch's later looks re-run only the probe trees behind the failing findings: the JSON timeline says which, and
/// how long each look took (printed for bench/RESULTS.md; timing targets are not asserted here).
final class WatchLookTimeTests: XCTestCase {
  func testLaterLooksRerunOnlyTheFailingTreeAndSayHowLongTheyTook() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq"])
    for scenario in [LabScenario.synDropped, LabScenario.dataEndpointRecordMissing] {
      let lab = try ScenarioLab(scenario)
      defer { lab.destroy() }
      let regdoctor = try LabEnvironment.executable("regdoctor")
      let result = try lab.namespace.run(
        [
          regdoctor, "diagnose", scenario.registry, "--timeout", "1", "--no-az", "--format", "json", "--watch",
          "--interval", "1", "--watch-for", "5",
        ] + scenario.arguments, environment: lab.clientEnvironment, timeout: 30)
      XCTAssertEqual(result.status, 1, result.stderr)
      let object = try XCTUnwrap(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
      let timeline = try XCTUnwrap((object["watch"] as? [String: Any])?["timeline"] as? [[String: Any]])
      XCTAssertGreaterThanOrEqual(timeline.count, 2, result.stdout)
      XCTAssertTrue(timeline[0]["rerun"] is NSNull, "the first look runs the whole diagnosis")
      let later = timeline.dropFirst().compactMap { $0["rerun"] as? [String] }
      XCTAssertEqual(later.count, timeline.count - 1, "every later look re-runs only some probes")
      XCTAssertTrue(later.allSatisfy { !$0.contains("docker.daemon") && !$0.contains("hosts.file") }, "\(later)")
      let ms = timeline.compactMap { $0["lookMs"] as? Double }
      let partial = ms.dropFirst()
      print(
        "[lab] watch look \(scenario.name): whole \(ms[0]) ms, partial "
          + "\(partial.reduce(0, +) / Double(max(1, partial.count))) ms (re-ran \(later.first ?? []))")
    }
  }
}
