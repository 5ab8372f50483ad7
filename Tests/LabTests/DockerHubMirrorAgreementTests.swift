import XCTest

/// The Docker daemon's registry mirrors for Docker Hub, with the real dockerd and pull (DockerHubMirrorScenarios):
/// regdoctor's exit code predicts the pull, and the JSON docker entry reports each mirror's path.
final class DockerHubMirrorAgreementTests: XCTestCase {
  func testHubMirrorDead() throws {
    let run = try runPullerScenario(.hubMirrorDead)
    assertMirror(run, "https://dead-mirror.hub.internal/", path: "fails")
  }

  func testHubMirrorServesHubBlocked() throws {
    let run = try runPullerScenario(.hubMirrorServesHubBlocked)
    assertMirror(run, "https://mirror.hub.internal/", path: "ok")
  }

  func testHubMirrorDeadHubBlocked() throws {
    let run = try runPullerScenario(.hubMirrorDeadHubBlocked)
    assertMirror(run, "https://dead-mirror.hub.internal/", path: "fails")
  }

  func testEveryHubMirrorScenarioHasATest() {
    XCTAssertEqual(LabScenario.dockerHubMirrors.count, 3, "add a test method for each new scenario")
  }

  private func assertMirror(
    _ run: PullerRun, _ url: String, path: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let docker = run.diagnose.report?.pullers?.first { $0.kind == "docker" }
    let mirror = docker?.mirrors?.first { $0.url == url }
    XCTAssertEqual(
      mirror?.path, path, "\(run.scenario): mirrors \(String(describing: docker?.mirrors))", file: file, line: line)
  }
}
