import Foundation
import XCTest

/// A real dockerd whose proxy is dead; while regdoctor watches, the daemon is restarted with the working proxy (as
/// `systemctl restart docker` after a fixed drop-in). The watch ends by itself, exit 0, naming the moment.
final class WatchDaemonRestartTests: XCTestCase {
  func testTheWatchEndsWhenTheDaemonIsRestartedWithItsProxy() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "dockerd", "containerd"])
    let lab = try ScenarioLab(.pullDaemonProxyDead)
    defer { lab.destroy() }
    let engine = try XCTUnwrap(lab.engine)
    let watch = try lab.startWatch(timeout: 2, interval: 1, watchFor: 90)
    defer { watch.terminate(grace: 1) }
    let failed = watch.stdout.waitForLine(until: Date(timeIntervalSinceNow: 30)) {
      $0.hasPrefix("+") && $0.contains("failing: docker-daemon-proxy-fails")
    }
    XCTAssertNotNil(failed, "no failing look:\n\(watch.stdout.text)\n\(watch.stderr.text)")
    let partial = watch.stdout.waitForLine(until: Date(timeIntervalSinceNow: 30)) {
      $0.hasPrefix("+") && $0.contains("[re-ran ")
    }
    XCTAssertTrue(partial?.contains("docker.daemon") == true, "\(partial ?? watch.stdout.text)")
    let working = try XCTUnwrap(lab.scenario.environment["HTTPS_PROXY"])
    let restartedAt = Date()
    try engine.restartDockerd(environment: ["HTTPS_PROXY": working])
    let restartSeconds = Date().timeIntervalSince(restartedAt)
    let status = watch.waitForExit(until: Date(timeIntervalSinceNow: 60))
    let output = watch.stdout.text
    XCTAssertEqual(status, 0, "the watch did not end healed:\n\(output)\n\(watch.stderr.text)")
    let healed = output.split(separator: "\n").first { $0.hasPrefix("+") && $0.contains("healed:") }
    XCTAssertTrue(healed?.contains("docker-daemon-proxy-fails cleared") == true, output)
    print(
      "[lab] watch daemon restart (\(String(format: "%.1f", restartSeconds)) s to restart dockerd):\n"
        + output.split(separator: "\n").filter { $0.hasPrefix("+") }.joined(separator: "\n"))
  }
}
