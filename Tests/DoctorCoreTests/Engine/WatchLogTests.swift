import XCTest

@testable import DoctorCore

/// A watch's record: what failed at each look, what appeared and cleared, why a failure may outlive its fix.
final class WatchLogTests: XCTestCase {
  func dropped() -> Report {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    return b.report
  }

  func healthy() -> Report {
    var b = FactsBuilder()
    b.healthyLogin()
    return b.report
  }

  func testALookThatPassesEndsTheFailureAndNamesWhatCleared() {
    var log = WatchLog()
    let first = log.record(dropped(), atMs: 1000)
    XCTAssertEqual(first.failing, [.tcpConnectTimeout])
    XCTAssertEqual(first.exitCode, 1)
    XCTAssertEqual(first.appeared, [], "the first look has nothing to compare with")
    let second = log.record(dropped(), atMs: 6000)
    XCTAssertEqual(second.cleared, [])
    let third = log.record(healthy(), atMs: 11000)
    XCTAssertTrue(third.healed)
    XCTAssertEqual(third.exitCode, 0)
    XCTAssertEqual(third.cleared, [.tcpConnectTimeout])
    XCTAssertEqual(log.healedAt?.atMs, 11000)
    XCTAssertEqual(log.first?.conclusion.finding, .tcpConnectTimeout)
    XCTAssertEqual(log.last?.conclusion.finding, .noNetworkProblem)
    XCTAssertEqual(third.line, "+11.00 s  healed: no-network-problem (tcp-connect-timeout cleared)")
  }

  func testAFailureOnACachedAnswerSaysHowLongTheResolverMayKeepIt() {
    var log = WatchLog()
    let sample = log.record(dropped(), atMs: 1000)
    XCTAssertEqual(
      sample.stillHeldBy, ["contoso.azurecr.io: the answer cached at 10.0.0.2 may be kept up to 60 s more (TTL)"])
    XCTAssertTrue(sample.line.contains("up to 60 s more"), sample.line)
  }

  /// A caching daemon on the machine is named only when a failing finding rests on a DNS answer, and the line says
  /// which probes the look re-ran.
  func testMachineCachesAreNamedForFailuresThatRestOnAnAnswer() {
    var log = WatchLog()
    let cache = "systemd-resolved caches answers at 127.0.0.53: flush with resolvectl flush-caches"
    let dropped = log.record(dropped(), atMs: 1000, rerun: ["dns.login-server"], heldBy: [cache])
    XCTAssertTrue(dropped.stillHeldBy.contains(cache))
    XCTAssertTrue(dropped.line.hasSuffix("[re-ran dns.login-server]"), dropped.line)
    let healed = log.record(healthy(), atMs: 2000, heldBy: [cache])
    XCTAssertEqual(healed.stillHeldBy, [])
    XCTAssertFalse(healed.line.contains("re-ran"), "a whole look: \(healed.line)")
  }

  /// A resolver's name or a host from outside never reaches the timeline with raw control characters.
  func testTimelineLinesEscapeControlCharactersFromOutside() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    b.probes = b.probes.map { probe in
      guard case .dns(let d) = probe.facts, let w = d.wire else { return probe }
      var p = probe
      let wire = WireLookup(
        outcome: w.outcome, answeredBy: "10.0.0.2\u{1B}]0;pwned\u{07}", cnames: w.cnames, addresses: w.addresses,
        attempts: w.attempts, ms: w.ms)
      p.facts = .dns(DNSFacts(endpoint: d.endpoint, system: d.system, wire: wire, hostsEntries: d.hostsEntries))
      return p
    }
    var log = WatchLog()
    let line = log.record(b.report, atMs: 1000).line
    XCTAssertFalse(line.contains("\u{1B}"), line)
    XCTAssertTrue(line.contains("\\x1B]0;pwned"), line)
  }

  func testTheJSONAndMarkdownOfAWatchCarryTheFirstStateTheLastAndTheTimeline() throws {
    var log = WatchLog()
    log.record(dropped(), atMs: 1000)
    log.record(healthy(), atMs: 6000)
    let json = JSONReport.render(log.last!, watch: log)
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual((object["conclusion"] as? [String: Any])?["finding"] as? String, "no-network-problem")
    let watch = try XCTUnwrap(object["watch"] as? [String: Any])
    XCTAssertEqual(watch["healed"] as? Bool, true)
    XCTAssertEqual((watch["first"] as? [String: Any])?["conclusion"] as? String, "tcp-connect-timeout")
    XCTAssertEqual((watch["timeline"] as? [[String: Any]])?.count, 2)
    let markdown = MarkdownReport.render(log.last!, watch: log)
    XCTAssertTrue(markdown.contains("`tcp-connect-timeout`"), markdown)
    XCTAssertTrue(markdown.contains("healed: no-network-problem"), markdown)
  }
}
