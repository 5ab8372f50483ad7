import Foundation
import XCTest

@testable import DoctorCore

/// The rules of the hosts a followed pull touches (blob-host-*) and of the registry's own 5xx.
final class PullRulesTests: XCTestCase {
  static let storage = Endpoint(
    host: "contosojpe042.blob.core.windows.net", role: .blobHost, label: "blob-host.contosojpe042.blob.core.windows.net"
  )

  private func pulled(_ b: inout FactsBuilder, stop: PullStop? = nil, steps: [PullStep] = []) {
    let host = PullRedirect(scheme: "https", host: Self.storage.host, port: 443, path: "/docker/registry/v2/blobs/x")
    let facts = PullFacts(
      image: ImageReference(repository: "hello", tag: "1"), loginServer: "contoso.azurecr.io", path: .direct,
      steps: steps, redirects: stop == nil ? [host] : [], blobHost: stop == nil ? host : nil, stop: stop)
    b.add("pull.image", .pull(facts))
  }

  func testARejectedBlobHostIsTheCauseNotATCPFindingOfTheLoginServer() {
    var b = FactsBuilder()
    b.healthyLogin()
    pulled(&b)
    b.dns(["203.0.113.20"], at: Self.storage)
    b.tcp("203.0.113.20", .refused, at: Self.storage)
    XCTAssertEqual(b.conclusion, .blobHostUnreachable)
    XCTAssertFalse(b.ids.contains(.tcpConnectRefused))
    XCTAssertEqual(b.report.conclusion.cause, .clientFirewallOrProxy)
    let finding = b.report.findings[0]
    XCTAssertTrue(finding.evidence.contains { $0.contains("redirected to \(Self.storage.host)") }, "\(finding)")
    XCTAssertTrue(finding.remedies.contains { $0.steps.contains("*.blob.core.windows.net") })
  }

  func testABlobHostThatDoesNotResolve() {
    var b = FactsBuilder()
    b.healthyLogin()
    pulled(&b)
    b.dns([], at: Self.storage, outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .blobHostDNSFailure)
    XCTAssertFalse(b.ids.contains(.loginServerDNSFailure))
  }

  func testABlobHostThatWorksIsNoProblem() {
    var b = FactsBuilder()
    b.healthyLogin()
    pulled(&b)
    b.dns(["203.0.113.20"], at: Self.storage)
    b.tcp("203.0.113.20", .connected, at: Self.storage)
    b.tls(at: Self.storage)
    b.http(at: Self.storage, status: 400)
    XCTAssertFalse(b.report.hasError, "\(b.ids)")
  }

  func testA502OnV2IsTheRegistrysOwnFailureNotANetworkOne() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http(status: 502)
    XCTAssertEqual(b.conclusion, .registryServerError)
    XCTAssertEqual(b.report.conclusion.cause, .registryService)
    XCTAssertFalse(b.ids.contains(.registryNotResponding))
    XCTAssertTrue(b.report.hasError)
  }

  func testA503OnThePullsManifestIsAServerErrorToo() {
    var b = FactsBuilder()
    b.healthyLogin()
    pulled(
      &b, stop: .serverError,
      steps: [
        PullStep(kind: .challenge, host: "contoso.azurecr.io", path: "/v2/", statusCode: 401, ms: 1),
        PullStep(kind: .token, host: "contoso.azurecr.io", path: "/oauth2/token", statusCode: 200, ms: 1),
        PullStep(kind: .manifest, host: "contoso.azurecr.io", path: "/v2/hello/manifests/1", statusCode: 503, ms: 1),
      ])
    XCTAssertEqual(b.conclusion, .registryServerError)
    XCTAssertTrue(b.report.findings[0].evidence.contains { $0.contains("manifest GET /v2/hello/manifests/1 -> 503") })
  }
}

extension PullRulesTests {
  /// `registry.blobHosts`: each host layers come from, once, with how it was learnt.
  func testBlobHostsSayHowEachWasLearnt() throws {
    var b = FactsBuilder()
    b.registry.dataEndpoints = ["contoso.japaneast.data.azurecr.io"]
    b.healthyLogin()
    b.dns(["203.0.113.20"], at: FactsBuilder.data)
    let west = Endpoint(
      host: "contoso.westeurope.data.azurecr.io", role: .dataEndpoint, label: "data-endpoint.westeurope")
    b.dns(["203.0.113.21"], at: west)
    pulled(&b)
    b.dns(["203.0.113.22"], at: Self.storage)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(JSONReport.render(b.report).utf8)) as? [String: Any])
    let registry = try XCTUnwrap(json["registry"] as? [String: Any])
    let hosts = try XCTUnwrap(registry["blobHosts"] as? [[String: String]])
    XCTAssertEqual(
      hosts,
      [
        ["host": "contoso.japaneast.data.azurecr.io", "learntFrom": "option"],
        ["host": "contoso.westeurope.data.azurecr.io", "learntFrom": "dns"],
        ["host": Self.storage.host, "learntFrom": "redirect"],
      ])
  }

  /// Without --image: /v2/ answers, the manifest of a repository that does not exist meets a gateway's 502.
  func testAGateways502OnTheAbsentRepositoryIsAServerError() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.absentRepository(status: 502)
    XCTAssertEqual(b.conclusion, .registryServerError)
    XCTAssertEqual(b.report.conclusion.cause, .registryService)
    let evidence = b.report.findings[0].evidence.joined(separator: "\n")
    XCTAssertTrue(evidence.contains("GET \(HTTPFacts.absentRepositoryPath) -> 502"), evidence)
    XCTAssertFalse(b.ids.contains(.noNetworkProblem))
  }

  /// A registry's own answers for a name it does not hold (401, 404), and a 500 that may be its quirk, are no
  /// problem; the 404 is not read as "not a registry" on /v2/.
  func testAHealthyRegistrysAnswersOnTheAbsentRepositoryAreNoProblem() {
    for status in [401, 404, 500] {
      var b = FactsBuilder()
      b.healthyLogin()
      b.absentRepository(status: status)
      XCTAssertFalse(b.report.hasError, "\(status): \(b.ids)")
      XCTAssertEqual(b.conclusion, .noNetworkProblem, "\(status)")
    }
    var b = FactsBuilder()
    b.healthyLogin()
    b.absentRepository(status: 404)
    XCTAssertEqual(b.report.probes.last?.status, .pass)
  }

  /// Through the proxy the client uses, the via-proxy answer counts; the direct path's does not.
  func testTheAbsentRepositoryIsJudgedOnTheClientsPath() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.absentRepository(status: 503, path: .proxy("http://proxy:3128"))
    XCTAssertEqual(b.conclusion, .registryServerError)
  }
}
