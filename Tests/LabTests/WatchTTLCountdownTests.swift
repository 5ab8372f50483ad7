import Foundation
import XCTest

/// The client's nameserver is a caching forwarder: after the record is fixed upstream, it keeps handing out the
/// old address until the TTL it got runs out. The watch says so with the time left, going down look after look,
/// and heals by itself once the cache lets the old answer go.
final class WatchTTLCountdownTests: XCTestCase {
  /// The name points at an address whose SYNs are dropped; the registry listens on the right one.
  static let cachedStale = LabScenario(
    name: "watch-cached-stale-answer", nameserver: .nothingListening,
    registries: [RegistryServer(address: LabAddress.loginServer)],
    drops: [Drop(address: LabAddress.stale, port: 443)],
    expect: Expectation("tcp-connect-timeout"))
  static let ttl = 12

  func testTheTimelineCountsTheCachedAnswersTTLDownAndHealsWhenItRunsOut() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq"])
    let lab = try ScenarioLab(Self.cachedStale)
    defer { lab.destroy() }
    let upstreamHosts = lab.path("upstream-hosts")
    try "\(LabAddress.stale) contoso.azurecr.io\n".write(toFile: upstreamHosts, atomically: true, encoding: .utf8)
    // The zone's own server, on the namespace's loopback: answers with a TTL of `ttl` seconds.
    let upstream = try lab.namespace.startServer(
      dnsmasq(
        "upstream",
        [
          "listen-address=127.0.0.1", "port=5353", "no-resolv", "local=/#/", "addn-hosts=\(upstreamHosts)",
          "local-ttl=\(Self.ttl)",
        ], lab), readyWhen: { $0.contains("started, version") })
    // The client's nameserver: forwards and caches, counting the TTL down.
    try lab.namespace.startServer(
      dnsmasq(
        "cache", ["listen-address=\(LabAddress.nameserver)", "port=53", "no-resolv", "server=127.0.0.1#5353"], lab),
      readyWhen: { $0.contains("started, version") })

    let watch = try lab.startWatch(timeout: 1, interval: 1, watchFor: 60)
    defer { watch.terminate(grace: 1) }
    let first = watch.stdout.waitForLine(until: Date(timeIntervalSinceNow: 30)) {
      $0.hasPrefix("+") && $0.contains("failing: tcp-connect-timeout")
    }
    XCTAssertNotNil(first, "no failing look:\n\(watch.stdout.text)\n\(watch.stderr.text)")
    // The record is fixed upstream; the cache still holds the stale address.
    try "\(LabAddress.loginServer) contoso.azurecr.io\n".write(toFile: upstreamHosts, atomically: true, encoding: .utf8)
    kill(upstream.pid, SIGHUP)
    let status = watch.waitForExit(until: Date(timeIntervalSinceNow: Double(Self.ttl) + 30))
    let output = watch.stdout.text
    XCTAssertEqual(status, 0, "the watch did not heal once the TTL ran out:\n\(output)\n\(watch.stderr.text)")
    let lines = output.split(separator: "\n").filter { $0.hasPrefix("+") }
    let left = lines.compactMap { line -> Int? in
      guard let match = line.firstMatch(of: /may be kept up to (\d+) s more/) else { return nil }
      return Int(match.1)
    }
    XCTAssertGreaterThanOrEqual(left.count, 3, "a countdown over several looks:\n\(output)")
    XCTAssertEqual(left, left.sorted(by: >), "the time left goes down:\n\(output)")
    XCTAssertLessThan(left.last ?? Self.ttl, left.first ?? 0, "it counts down:\n\(output)")
    XCTAssertLessThanOrEqual(left.first ?? Int.max, Self.ttl, "\(output)")
    let healed = lines.first { $0.contains("healed:") }
    XCTAssertTrue(healed?.contains("tcp-connect-timeout cleared") == true, output)
    print("[lab] watch TTL countdown \(left) s, then \(healed ?? "")")
  }

  /// A dnsmasq of the test's own, logging to its output.
  private func dnsmasq(_ name: String, _ lines: [String], _ lab: ScenarioLab) throws -> [String] {
    let config = lab.path("dnsmasq-\(name).conf")
    let common = ["no-hosts", "no-poll", "bind-interfaces", "user=root", "log-queries"]
    try (common + lines).joined(separator: "\n").appending("\n").write(
      toFile: config, atomically: true, encoding: .utf8)
    return [
      "dnsmasq", "--keep-in-foreground", "--log-facility=-", "--conf-file=\(config)",
      "--pid-file=\(lab.path("dnsmasq-\(name).pid"))",
    ]
  }
}
