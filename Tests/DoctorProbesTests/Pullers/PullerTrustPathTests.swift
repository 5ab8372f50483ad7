import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

/// The trust each puller path is verified with, against real TLS registries on loopback: a containerd mirror with
/// its own `ca` in its `[host."…"]` table (not the registry's), and a followed pull's blob host, verified directly
/// as the puller verifies it (not with the shell's SSL_CERT_FILE).
final class PullerTrustPathTests: XCTestCase {
  private var directory = ""
  private var listener: Int32 = -1

  override func setUpWithError() throws {
    directory = "/tmp/rdt-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory + "/etc", withIntermediateDirectories: true)
  }

  override func tearDown() {
    if listener >= 0 { close(listener) }
    try? FileManager.default.removeItem(atPath: directory)
  }

  private var etc: String { directory + "/etc" }

  private func write(_ text: String, _ relative: String) throws {
    let path = etc + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// A Unix socket standing for containerd's (the puller is found by its socket).
  private func listenOnSocket() throws -> String {
    let path = directory + "/containerd.sock"
    listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in Array(path.utf8).enumerated() { raw[i] = b }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    XCTAssertEqual(bound, 0)
    XCTAssertEqual(Glibc.listen(listener, 1), 0)
    return path
  }

  /// Every task and its follow-ups that `keep` keeps (only loopback hosts: no name reaches a real resolver), one
  /// after another; their results.
  private func runAll(
    _ tasks: [ProbeTask], seconds: Double = 10, keep: (ProbeTask) -> Bool = { _ in true }
  ) -> [ProbeResult] {
    var queue = tasks
    var results: [ProbeResult] = []
    let context = LabFixtures.context(seconds: seconds)
    while !queue.isEmpty {
      let output = queue.removeFirst().run(context)
      results += output.results
      queue += output.followUps.filter(keep)
    }
    return results
  }

  private func otherCA() throws -> String {
    let path = directory + "/other-ca.pem"
    try TestPKI().ca.certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func testAContainerdMirrorIsVerifiedWithItsOwnCANotTheRegistrys() throws {
    let material = try LabFixtures.load()
    let mirror = try LabFixtures.startRegistry()
    defer { mirror.stop() }
    let socket = try listenOnSocket()
    try write(
      """
      version = 2
      [plugins."io.containerd.grpc.v1.cri".registry]
        config_path = "\(etc)/containerd/certs.d"
      """, "containerd/config.toml")
    // The registry's own CA is another; the mirror's table names the lab CA that signed the mirror's chain.
    try write(
      """
      server = "https://contoso.azurecr.io"
      [host."https://127.0.0.1:\(mirror.port)"]
        capabilities = ["pull", "resolve"]
        ca = "\(material.caFile)"
      [host."https://contoso.azurecr.io"]
        ca = "\(try otherCA())"
      """, "containerd/certs.d/contoso.azurecr.io/hosts.toml")
    let request = DiagnosisRequest(
      registry: RegistryTarget(
        input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io"),
      symptoms: [], timeout: 5, useAzureCLI: false, language: .en,
      environment: ["CONTAINERD_ADDRESS": socket, "REGDOCTOR_ETC": etc])
    let plan = ProbePlan(request: request)
    let results = runAll(plan.pullerTasks.filter { $0.id == "puller.containerd" }) { $0.id.rawValue.contains(".mirror.") }
    let path = try XCTUnwrap(
      results.compactMap { r -> PullerPathFacts? in
        if case .pullerPath(let f) = r.facts, f.isMirror { f } else { nil }
      }.first, "\(results.map(\.id))")
    XCTAssertEqual(path.tls?.outcome, .verified, "trust: \(path.trust)")
    XCTAssertTrue(path.trust.contains(material.caFile), path.trust)
    XCTAssertTrue(path.answered)
  }

  func testABlobHostIsVerifiedDirectlyWithThePullersTrust() throws {
    let material = try LabFixtures.load()
    let blob = try LabFixtures.startRegistry()
    defer { blob.stop() }
    try write("127.0.0.1 localhost\n", "hosts")
    // The shell trusts nothing but the system bundle; the puller trusts the lab CA.
    let request = DiagnosisRequest(
      registry: RegistryTarget(input: "registry.lab", kind: .generic, host: "registry.lab"), symptoms: [],
      timeout: 5, useAzureCLI: false, language: .en, environment: ["REGDOCTOR_ETC": etc])
    let plan = ProbePlan(request: request)
    let facts = PullFacts(
      image: ImageReference(repository: "hello", tag: "1"), loginServer: "registry.lab", path: .direct,
      blobHost: PullRedirect(scheme: "https", host: "127.0.0.1", port: blob.port, path: "/blob"))
    let pullerTrust = TrustStore.fromEnvironment(["SSL_CERT_FILE": material.caFile])
    let path = PullPath(
      proxies: ProxyEnvironment(environment: [:]), trust: pullerTrust, puller: .docker, description: "the test's")
    let results = runAll(plan.blobHostTasks(facts, path: path))
    let tls = try XCTUnwrap(
      results.compactMap { r -> TLSFacts? in if case .tls(let t) = r.facts { t } else { nil } }.first,
      "\(results.map(\.id))")
    XCTAssertEqual(tls.outcome, .verified, "the direct probe of the blob host must use the puller's trust")
  }
}
