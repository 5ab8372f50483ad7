import XCTest

/// A podman host: each test sets up podman's files in the scenario's namespace, makes a real `podman pull` with
/// regdoctor's own environment, and checks that regdoctor's exit code predicts it and its conclusion names the
/// cause. Needs root and Debian's podman; skips with the reason.
final class PodmanAgreementTests: XCTestCase {
  func testPodmanPrivateCAHealthy() throws { try runPodmanScenario(.podmanPrivateCAHealthy) }
  func testPodmanTrustsTheShellsCertFile() throws { try runPodmanScenario(.podmanTrustsTheShellsCertFile) }
  func testPodmanPrivateCAMissing() throws { try runPodmanScenario(.podmanPrivateCAMissing) }
  func testPodmanContainersConfProxyDead() throws { try runPodmanScenario(.podmanContainersConfProxyDead) }
  func testPodmanContainersConfProxyShadowed() throws { try runPodmanScenario(.podmanContainersConfProxyShadowed) }
  func testPodmanMirrorDead() throws { try runPodmanScenario(.podmanMirrorDead) }

  func testEveryPodmanScenarioHasATest() {
    let names = LabScenario.podmanHosts.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "scenario names must be unique")
    XCTAssertEqual(names.count, 6, "add a test method for each new podman scenario")
  }
}
