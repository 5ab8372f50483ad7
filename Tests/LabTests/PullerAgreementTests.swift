import XCTest

/// The lab's ground truth is the real puller: each test starts dockerd and containerd in the scenario's
/// namespace, makes the real pulls, and checks that regdoctor's exit code predicts them (0 ⇔ the pull gets
/// through) and that its conclusion names the cause. Needs root and Debian's docker.io; skips with the reason.
final class PullerAgreementTests: XCTestCase {
  func testPullHealthy() throws { try runPullerScenario(.pullHealthy) }
  func testPullDataEndpointBlockedWithRegion() throws { try runPullerScenario(.pullDataEndpointBlockedWithRegion) }
  func testPullDaemonProxyDead() throws { try runPullerScenario(.pullDaemonProxyDead) }
  func testPullDaemonWithoutProxy() throws { try runPullerScenario(.pullDaemonWithoutProxy) }
  func testPullDaemonNoProxySendsDirect() throws { try runPullerScenario(.pullDaemonNoProxySendsDirect) }
  func testPullDataEndpointBlockedRegionLearnt() throws {
    try runPullerScenario(.pullDataEndpointBlockedRegionLearnt)
  }
  func testPullHealthyRegionLearnt() throws { try runPullerScenario(.pullHealthyRegionLearnt) }
  func testPullHealthyNoDataEndpoint() throws { try runPullerScenario(.pullHealthyNoDataEndpoint) }
  func testPullInspectionCAShellOnly() throws { try runPullerScenario(.pullInspectionCAShellOnly) }
  func testPullDaemonRestartNeeded() throws { try runPullerScenario(.pullDaemonRestartNeeded) }
  func testPullDaemonProxyDenies() throws { try runPullerScenario(.pullDaemonProxyDenies) }
  func testPullDaemonProxyWantsCredentials() throws { try runPullerScenario(.pullDaemonProxyWantsCredentials) }
  func testPullDaemonProxyWithCredentials() throws { try runPullerScenario(.pullDaemonProxyWithCredentials) }
  func testPullDaemonProxyWrongCredentials() throws { try runPullerScenario(.pullDaemonProxyWrongCredentials) }

  /// Every puller scenario has a test above.
  func testEveryPullerScenarioHasATest() {
    let names = LabScenario.pullers.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "scenario names must be unique")
    XCTAssertEqual(names.count, 14, "add a test method for each new puller scenario")
  }
}
