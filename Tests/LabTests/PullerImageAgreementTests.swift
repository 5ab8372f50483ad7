import Foundation
import XCTest

/// `--image` against the real puller: the exit code predicts the real pulls, the conclusion names the cause, and
/// the report's `registry.blobHosts` names the host the redirect revealed.
final class PullerImageAgreementTests: XCTestCase {
  func testImagePullHealthyListsTheRedirectHost() throws {
    let run = try runPullerScenario(.imagePullHealthy)
    struct Report: Decodable {
      struct Registry: Decodable {
        struct BlobHost: Decodable, Equatable {
          let host: String
          let learntFrom: String
        }
        let blobHosts: [BlobHost]
      }
      let registry: Registry
    }
    let report = try JSONDecoder().decode(Report.self, from: Data(run.diagnose.result.stdout.utf8))
    XCTAssertEqual(report.registry.blobHosts, [.init(host: labStorageHost, learntFrom: "redirect")])
  }

  func testImageBlobHostBlocked() throws { try runPullerScenario(.imageBlobHostBlocked) }
  func testImageBlobHostDNSFailure() throws { try runPullerScenario(.imageBlobHostDNSFailure) }
  func testRegistryBadGateway() throws { try runPullerScenario(.registryBadGateway) }
  func testImagePullBadGateway() throws { try runPullerScenario(.imagePullBadGateway) }
  func testPullBadGatewayWithoutImage() throws { try runPullerScenario(.pullBadGatewayWithoutImage) }
  func testImageBlobHostDaemonProxyOnly() throws { try runPullerScenario(.imageBlobHostDaemonProxyOnly) }
  func testImageBlobHostShellProxyOnly() throws { try runPullerScenario(.imageBlobHostShellProxyOnly) }

  func testEveryImageScenarioHasATest() {
    XCTAssertEqual(LabScenario.imagePullers.count, 8, "add a test method for each new --image scenario")
  }
}
