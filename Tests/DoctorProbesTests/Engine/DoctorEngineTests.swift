import Dispatch
import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

/// The whole engine — plan, runner, probes, rules — against real servers on loopback. Every name here is an IP
/// literal (and /etc is the test's own), so nothing is ever asked of this machine's real nameservers.
final class DoctorEngineTests: XCTestCase {
  /// An /etc of the test's own, so the engine never asks this machine's real nameservers.
  var etc: String = ""

  override func setUpWithError() throws {
    etc = try loopbackEtc("engine")
  }

  func request(port: Int, timeout: Double = 3, trustLabCA: Bool = true, symptoms: [SymptomID] = []) throws
    -> DiagnosisRequest
  {
    var env = ["REGDOCTOR_ETC": etc, "DOCKER_HOST": "unix://\(etc)/no-docker.sock", "PATH": "/usr/bin:/bin"]
    if trustLabCA {
      env["SSL_CERT_FILE"] = try LabFixtures.load().caFile
    } else {
      env["SSL_CERT_FILE"] = etc + "/hosts"
    }
    let registry = try RegistryTarget.parse("127.0.0.1:\(port)")
    return DiagnosisRequest(
      registry: registry, symptoms: symptoms, timeout: timeout, useAzureCLI: false, language: .en, environment: env)
  }

  func testHealthyRegistry() throws {
    let server = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { server.stop() }
    let report = DoctorEngine.diagnose(try request(port: server.port))
    XCTAssertEqual(
      report.conclusion.finding, .noNetworkProblem, report.findings.map(\.id.rawValue).joined(separator: ","))
    XCTAssertFalse(report.hasError)
    let ids = report.probes.map(\.id)
    XCTAssertTrue(ids.contains("tcp.login-server.127.0.0.1"), "\(ids)")
    XCTAssertEqual(report.probes.first { $0.id == "tls.login-server" }?.status, .pass)
    XCTAssertEqual(report.probes.first { $0.id == "http.login-server" }?.status, .pass)
    // The challenge's realm is asked anonymously, on the same connection target.
    let token = report.probes.first { $0.id == "http.token-realm" }
    XCTAssertEqual(token?.status, .pass)
    XCTAssertTrue(server.requestLines.contains { $0.hasPrefix("GET /oauth2/token?service=") }, "\(server.requestLines)")
  }

  /// After /v2/, the manifest of a repository that does not exist: a healthy registry's 401 passes and changes
  /// nothing; a gateway answering the repository paths 502 is registry-server-error, without --image.
  func testTheAbsentRepositorysManifestIsAskedAndAGateways502Counts() throws {
    let healthy = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { healthy.stop() }
    let report = DoctorEngine.diagnose(try request(port: healthy.port))
    XCTAssertEqual(report.conclusion.finding, .noNetworkProblem, "\(report.findings.map(\.id))")
    XCTAssertEqual(report.probes.first { $0.id == "http.login-server.repository" }?.status, .pass)
    XCTAssertTrue(
      healthy.requestLines.contains("GET \(HTTPFacts.absentRepositoryPath)"), "\(healthy.requestLines)")

    let gateway = try LabFixtures.startRegistry(mode: .pullBadGateway, realmOnListenAddress: true)
    defer { gateway.stop() }
    let failing = DoctorEngine.diagnose(try request(port: gateway.port))
    XCTAssertEqual(failing.conclusion.finding, .registryServerError, "\(failing.findings.map(\.id))")
    XCTAssertEqual(failing.probes.first { $0.id == "http.login-server" }?.status, .pass)
    XCTAssertTrue(failing.hasError)
  }

  func testASymptomOnAHealthyPathPointsAtAuthentication() throws {
    let server = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { server.stop() }
    let report = DoctorEngine.diagnose(try request(port: server.port, symptoms: [.s3]))
    XCTAssertEqual(report.conclusion.finding, .networkOKCheckAuthentication)
  }

  func testFirewallDeniesTheClientIP() throws {
    let server = try LabFixtures.startRegistry(mode: .denyClientIP, realmOnListenAddress: true)
    defer { server.stop() }
    let report = DoctorEngine.diagnose(try request(port: server.port))
    XCTAssertEqual(report.conclusion.finding, .registryFirewallDeniesClientIP)
    XCTAssertTrue(report.findings[0].evidence.joined().contains("127.0.0.1"))
    XCTAssertTrue(report.hasError)
  }

  func testRegistryThatNeverAnswersIsBoundedByTheTimeout() throws {
    let server = try LabFixtures.startRegistry(mode: .hangAfterHandshake, realmOnListenAddress: true)
    defer { server.stop() }
    let start = DispatchTime.now()
    let report = DoctorEngine.diagnose(try request(port: server.port, timeout: 1))
    let seconds = elapsedMs(since: start) / 1000
    XCTAssertEqual(report.conclusion.finding, .registryNotResponding)
    // A hang guard, not a speed target: the diagnosis ends with its deadline, not with the server.
    XCTAssertLessThan(seconds, 1 + ProbeRunner.grace + 2)
  }

  func testNothingListening() throws {
    let report = DoctorEngine.diagnose(try request(port: try LabFixtures.closedPort()))
    XCTAssertEqual(report.conclusion.finding, .tcpConnectRefused)
  }

  func testUntrustedCertificate() throws {
    let server = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { server.stop() }
    let report = DoctorEngine.diagnose(try request(port: server.port, trustLabCA: false))
    XCTAssertEqual(report.conclusion.finding, .tlsHandshakeFailed)
  }

  func testStartStreamsEventsAndCancelEndsTheRunEarly() throws {
    let server = try LabFixtures.startRegistry(mode: .hangAfterHandshake, realmOnListenAddress: true)
    defer { server.stop() }
    let cancellation = Cancellation()
    let sawHTTPSStart = expectation(description: "tls probe started")
    let reported = expectation(description: "report")
    let start = DispatchTime.now()
    let ms = MillisecondsBox()
    DoctorEngine.start(try request(port: server.port, timeout: 30), cancellation: cancellation) { event in
      if case .started(let id, _, _) = event, id == "tls.login-server" { sawHTTPSStart.fulfill() }
    } onReport: { _ in
      ms.value = elapsedMs(since: start)
      reported.fulfill()
    }
    wait(for: [sawHTTPSStart], timeout: 10)
    cancellation.cancel()
    wait(for: [reported], timeout: 10)
    // Cancelled long before its 30 s deadline.
    XCTAssertLessThan(ms.value, 10_000)
  }
}

private final class MillisecondsBox: @unchecked Sendable {
  var value: Double = 0
}
