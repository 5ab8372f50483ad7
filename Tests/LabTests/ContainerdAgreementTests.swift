import XCTest

/// A Kubernetes node's puller is containerd: each test starts containerd (CRI enabled) in the scenario's
/// namespace, makes a real CRI pull, and checks that regdoctor's exit code predicts it and its conclusion names
/// the cause. Needs root and Debian's containerd; skips with the reason.
final class ContainerdAgreementTests: XCTestCase {
  func testContainerdPrivateCAHealthy() throws { try runContainerdScenario(.containerdPrivateCAHealthy) }
  func testContainerdPrivateCAMissing() throws { try runContainerdScenario(.containerdPrivateCAMissing) }
  func testContainerdWithoutProxy() throws { try runContainerdScenario(.containerdWithoutProxy) }
  func testContainerdProxyDiffers() throws { try runContainerdScenario(.containerdProxyDiffers) }
  func testContainerdRestartNeeded() throws { try runContainerdScenario(.containerdRestartNeeded) }
  func testContainerdMirrorDead() throws { try runContainerdScenario(.containerdMirrorDead) }
  func testContainerdMirrorDeadUpstreamBlocked() throws {
    try runContainerdScenario(.containerdMirrorDeadUpstreamBlocked)
  }

  func testEveryContainerdScenarioHasATest() {
    let names = LabScenario.containerdNodes.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "scenario names must be unique")
    XCTAssertEqual(names.count, 7, "add a test method for each new containerd scenario")
  }
}
