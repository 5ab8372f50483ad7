import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// podman's and CRI-O's files as ContainersProbe reads them from a real directory: containers.conf `[engine] env`
/// merged into the shell's environment the way podman 4.3.1 does it (the shell wins by exact name), the files'
/// order, registries.conf mirrors and certs.d, crio.service's drop-ins. A stand-in `podman` executable on PATH
/// makes podman "installed"; CRI-O's socket is fixed, so its part is the unit environment it is read from.
final class ContainersProbeTests: XCTestCase {
  private var directory = ""
  private var etc: String { directory + "/etc" }
  private let registry = Endpoint(host: "contoso.azurecr.io", role: .loginServer, label: "login-server")

  override func setUpWithError() throws {
    directory = "/tmp/rdp-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
    try "#!/bin/sh\n".write(toFile: directory + "/bin/podman", atomically: true, encoding: .utf8)
    chmod(directory + "/bin/podman", 0o755)
  }

  override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

  private func write(_ text: String, _ relative: String) throws {
    let path = etc + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  private func podman(_ shell: [String: String]) throws -> (PullerConfigFacts, PullerRoute) {
    try XCTUnwrap(
      ContainersProbe.podman(
        environment: shell.merging(["PATH": directory + "/bin"]) { mine, _ in mine }, etc: etc, registry: registry))
  }

  func testNoPodmanOnPathIsNoPuller() {
    XCTAssertNil(ContainersProbe.podman(environment: ["PATH": directory + "/nothing"], etc: etc, registry: registry))
  }

  func testContainersConfAddsTheProxyTheShellDoesNotSet() throws {
    try write(
      "[engine]\nenv = [\"HTTPS_PROXY=http://bob:hunter2@dead.corp:3128\", \"NO_PROXY=.corp\"]\n",
      "containers/containers.conf")
    let (facts, route) = try podman(["https_proxy": "http://shell.corp:8080"])
    // The file's HTTPS_PROXY is a name the shell does not set, and Go reads it before https_proxy.
    XCTAssertEqual(route.proxy.httpsProxy, "http://bob:hunter2@dead.corp:3128")
    XCTAssertEqual(facts.configured.httpsProxy, "http://bob:***@dead.corp:3128")
    XCTAssertEqual(facts.effectiveSource, "\(etc)/containers/containers.conf [engine] env")
    XCTAssertEqual(route.proxy.noProxy, ".corp")
    XCTAssertFalse(facts.restartNeeded, "podman has no daemon to restart")
  }

  func testTheShellsOwnVariableWinsOverContainersConf() throws {
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://dead.corp:3128\"]\n", "containers/containers.conf")
    let (facts, route) = try podman(["HTTPS_PROXY": "http://shell.corp:8080"])
    XCTAssertEqual(route.proxy.httpsProxy, "http://shell.corp:8080")
    XCTAssertEqual(facts.effectiveSource, "the shell's environment")
    let note = facts.files.first { $0.path == etc + "/containers/containers.conf" }?.note ?? ""
    XCTAssertTrue(note.contains("HTTPS_PROXY not used: the shell sets it"), note)
  }

  /// containers.conf.d/*.conf in name order after containers.conf; a later `env` replaces the list.
  func testDropInsReplaceTheListInNameOrder() throws {
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://first:1\"]\n", "containers/containers.conf")
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://second:2\"]\n", "containers/containers.conf.d/20-b.conf")
    try write("[engine]\ncgroup_manager = \"cgroupfs\"\n", "containers/containers.conf.d/30-c.conf")
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://zero:0\"]\n", "containers/containers.conf.d/10-a.conf")
    let (facts, route) = try podman([:])
    XCTAssertEqual(route.proxy.httpsProxy, "http://second:2")
    XCTAssertEqual(facts.effectiveSource, "\(etc)/containers/containers.conf.d/20-b.conf [engine] env")
  }

  func testContainersConfEnvironmentVariableIsTheOnlyFile() throws {
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://etc:1\"]\n", "containers/containers.conf")
    try write("[engine]\nenv = [\"HTTPS_PROXY=http://override:2\"]\n", "override.conf")
    XCTAssertEqual(try podman(["CONTAINERS_CONF": etc + "/override.conf"]).1.proxy.httpsProxy, "http://override:2")
    let (facts, route) = try podman(["CONTAINERS_CONF": etc + "/missing.conf"])
    XCTAssertNil(route.proxy.httpsProxy)
    let missing = facts.files.first { $0.path.hasSuffix("missing.conf") }
    XCTAssertEqual(missing?.state, .missing)
    XCTAssertTrue(missing?.note?.contains("podman refuses to run") ?? false)
  }

  func testGarbageContainersConfIsAFactNotACrash() throws {
    try write("[engine\nenv = 3", "containers/containers.conf")
    let (facts, _) = try podman([:])
    XCTAssertEqual(facts.files.first { $0.path == etc + "/containers/containers.conf" }?.state, .invalid)
  }

  func testRegistriesConfMirrorAndCertsD() throws {
    try write(
      """
      [[registry]]
      location = "contoso.azurecr.io"
      [[registry.mirror]]
      location = "mirror.corp"
      """, "registries.conf")
    try write("not a certificate\n", "containers/certs.d/contoso.azurecr.io/ca.crt")
    let (facts, route) = try podman(["CONTAINERS_REGISTRIES_CONF": etc + "/registries.conf"])
    XCTAssertEqual(facts.pullHosts, ["mirror.corp", "https://contoso.azurecr.io"])
    XCTAssertEqual(route.caFiles, ["\(etc)/containers/certs.d/contoso.azurecr.io/ca.crt"])
    XCTAssertEqual(route.shellTrust, [:])
    let withShellTrust = try podman(["SSL_CERT_FILE": "/tmp/ca.pem"]).1
    XCTAssertEqual(withShellTrust.shellTrust, ["SSL_CERT_FILE": "/tmp/ca.pem"], "podman is Go in the shell's process")
  }

  /// containers/image takes the first certs.d/<host> directory that exists: the user's, /etc/containers',
  /// then /etc/docker's.
  func testCertsDFallsBackToDockersAndTheFirstDirectoryWins() throws {
    try write("x\n", "docker/certs.d/contoso.azurecr.io/ca.crt")
    XCTAssertEqual(try podman([:]).1.caFiles, ["\(etc)/docker/certs.d/contoso.azurecr.io/ca.crt"])
    try FileManager.default.createDirectory(
      atPath: etc + "/containers/certs.d/contoso.azurecr.io", withIntermediateDirectories: true)
    XCTAssertEqual(try podman([:]).1.caFiles, [], "an empty /etc/containers/certs.d/<host> wins over docker's")
  }

  /// CRI-O's environment as systemd would give crio: its drop-ins, then their EnvironmentFile.
  func testCRIOsUnitEnvironment() throws {
    try write(
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://10.0.0.4:3128\"\nEnvironmentFile=-\(etc)/sysconfig/crio\n",
      "systemd/system/crio.service.d/http-proxy.conf")
    try write("NO_PROXY=.svc,10.0.0.0/8\n", "sysconfig/crio")
    let unit = ServiceUnitEnvironment.read(unit: "crio", etc: etc)
    XCTAssertEqual(ProxyVariables(environment: unit.environment).httpsProxy, "http://10.0.0.4:3128")
    XCTAssertEqual(ProxyVariables(environment: unit.environment).noProxy, ".svc,10.0.0.0/8")
    XCTAssertEqual(
      unit.proxySources, ["\(etc)/systemd/system/crio.service.d/http-proxy.conf", "\(etc)/sysconfig/crio"])
  }
}
