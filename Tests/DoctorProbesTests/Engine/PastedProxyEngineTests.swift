import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

/// `--error` naming a proxy that is not the shell's: the engine asks the registry through it, as the failing puller
/// would, against a real registry and real CONNECT proxies on loopback (IP literals only: no name is resolved).
final class PastedProxyEngineTests: XCTestCase {
  var etc = ""

  override func setUpWithError() throws {
    etc = try loopbackEtc("pasted")
  }

  private func startProxy() throws -> ConnectProxy {
    let proxy = ConnectProxy(ConnectProxy.Configuration(resolve: [:]))
    try proxy.start()
    addTeardownBlock { proxy.stop() }
    return proxy
  }

  private func diagnose(registryPort: Int, shellProxy: Int, pastedProxy: Int) throws -> Report {
    let env = [
      "REGDOCTOR_ETC": etc, "DOCKER_HOST": "unix://\(etc)/no-docker.sock", "PATH": "/usr/bin:/bin",
      "SSL_CERT_FILE": try LabFixtures.load().caFile, "HTTPS_PROXY": "http://127.0.0.1:\(shellProxy)",
    ]
    var request = DiagnosisRequest(
      registry: try RegistryTarget.parse("127.0.0.1:\(registryPort)"), symptoms: [], timeout: 3, useAzureCLI: false,
      language: .en, environment: env)
    request.pastedError = ErrorFacts.read(
      "Error response from daemon: Get \"https://127.0.0.1:\(registryPort)/v2/\": proxyconnect tcp: dial tcp "
        + "127.0.0.1:\(pastedProxy): connect: connection refused")
    return DoctorEngine.diagnose(request)
  }

  func testADeadPastedProxyIsTheFailingPullersProxy() throws {
    let registry = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { registry.stop() }
    let shell = try startProxy()
    let dead = try LabFixtures.closedPort()
    let report = try diagnose(registryPort: registry.port, shellProxy: shell.port, pastedProxy: dead)
    let probe = report.probes.first { $0.id == "puller.pasted-error.login-server" }
    XCTAssertEqual(probe?.status, .fail, "\(report.probes.map(\.id))")
    XCTAssertEqual(
      report.conclusion.finding, .pastedProxyFails, report.findings.map(\.id.rawValue).joined(separator: ","))
    let evidence = report.findings.first { $0.id == .pastedProxyFails }?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("127.0.0.1:\(dead)"), evidence)
  }

  func testAWorkingPastedProxyIsTriedAndIsNoFinding() throws {
    let registry = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { registry.stop() }
    let shell = try startProxy()
    let other = try startProxy()
    // The puller's trust is a daemon's (system bundle plus certs.d), not the shell's SSL_CERT_FILE.
    let certs = etc + "/docker/certs.d/127.0.0.1:\(registry.port)"
    try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: try LabFixtures.load().caFile, toPath: certs + "/ca.crt")
    let report = try diagnose(registryPort: registry.port, shellProxy: shell.port, pastedProxy: other.port)
    XCTAssertEqual(report.probes.first { $0.id == "puller.pasted-error.login-server" }?.status, .pass)
    XCTAssertEqual(other.attempts.map(\.target), ["127.0.0.1:\(registry.port)"])
    XCTAssertFalse(report.findings.contains { $0.id == .pastedProxyFails })
  }

  func testThePastedProxyThatIsTheShellsIsNotProbedTwice() throws {
    let registry = try LabFixtures.startRegistry(realmOnListenAddress: true)
    defer { registry.stop() }
    let shell = try startProxy()
    let report = try diagnose(registryPort: registry.port, shellProxy: shell.port, pastedProxy: shell.port)
    XCTAssertNil(report.probes.first { $0.id == "puller.pasted-error.login-server" })
  }
}
