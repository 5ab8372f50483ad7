import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

final class DockerDaemonProbeTests: XCTestCase {
  private var directory = ""

  override func setUpWithError() throws {
    // Unix socket paths are limited to ~108 bytes: keep it short.
    directory = "/tmp/rdd-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDown() {
    try? FileManager.default.removeItem(atPath: directory)
  }

  private var emptySources: DaemonConfigPaths {
    DaemonConfigPaths(
      systemdDropInDirectory: directory + "/none.d", daemonJSON: directory + "/none.json")
  }

  private func context() -> ProbeContext { ProbeContext(deadline: .now() + 5, environment: [:]) }

  /// The probe with only DOCKER_HOST set and no daemon files.
  private func probe(dockerHost: String) -> DockerDaemonFacts {
    DockerDaemonProbe.run(environment: ["DOCKER_HOST": dockerHost], context: context(), sourcePaths: emptySources)
  }

  func testInfoIsReadWithProxiesRedacted() throws {
    let socket = directory + "/docker.sock"
    let server = DockerAPIServer(
      .init(
        socketPath: socket, httpProxy: "http://proxy.corp:3128",
        httpsProxy: "http://bob:hunter2@proxy.corp:3128",
        noProxy: "localhost,127.0.0.1,.corp", serverVersion: "27.3.1"))
    try server.start()
    defer { server.stop() }
    let facts = probe(dockerHost: "unix://\(socket)")
    XCTAssertTrue(facts.reachable, facts.error ?? "")
    XCTAssertNil(facts.error)
    XCTAssertEqual(facts.host, "unix://\(socket)")
    XCTAssertEqual(facts.httpProxy, "http://proxy.corp:3128")
    XCTAssertEqual(facts.httpsProxy, "http://bob:***@proxy.corp:3128")
    XCTAssertEqual(facts.noProxy, "localhost,127.0.0.1,.corp")
    XCTAssertEqual(facts.serverVersion, "27.3.1")
    XCTAssertEqual(server.requestLines, ["GET /info"])
    XCTAssertFalse(String(reflecting: facts).contains("hunter2"))
  }

  func testEmptyProxiesAreNil() throws {
    let socket = directory + "/docker.sock"
    let server = DockerAPIServer(.init(socketPath: socket))
    try server.start()
    defer { server.stop() }
    let facts = probe(dockerHost: "unix://\(socket)")
    XCTAssertTrue(facts.reachable, facts.error ?? "")
    XCTAssertNil(facts.httpsProxy)
    XCTAssertNil(facts.httpProxy)
  }

  func testMissingSocketIsUnreachableWithAMessage() {
    let facts = probe(dockerHost: "unix://\(directory)/absent.sock")
    XCTAssertFalse(facts.reachable)
    XCTAssertTrue(facts.error?.contains("No such file") ?? false, facts.error ?? "")
  }

  func testGarbageIsUnreachableWithAMessage() throws {
    let socket = directory + "/docker.sock"
    let server = DockerAPIServer(.init(socketPath: socket, mode: .garbage))
    try server.start()
    defer { server.stop() }
    let facts = probe(dockerHost: "unix://\(socket)")
    XCTAssertFalse(facts.reachable)
    XCTAssertTrue(facts.error?.contains("not HTTP") ?? false, facts.error ?? "")
    // Something answers: the report must not say that no daemon does (issue 11).
    XCTAssertTrue(facts.answeredNotDocker)
    let result = ProbeDescriber.describe(
      ProbeResult(id: "docker.daemon", target: "x", durationMs: 1, facts: .dockerDaemon(facts)), in: .en)
    XCTAssertTrue(result.summary.contains("but not as the Docker Engine API"), result.summary)
    XCTAssertFalse(result.summary.contains("no Docker daemon answers"), result.summary)
  }

  func testUnsupportedSchemeIsAMessage() {
    let facts = probe(dockerHost: "ssh://me@builder")
    XCTAssertFalse(facts.reachable)
    XCTAssertTrue(facts.error?.contains("unix://") ?? false)
  }

  /// These trapped in SocketAddress ("Not enough bits to represent the passed value"): issue 11.
  func testPortsOutOfRangeAreAMessageNotACrash() {
    for host in [
      "tcp://127.0.0.1:99999", "tcp://127.0.0.1:-1", "tcp://[::1]:65536", "tcp://127.0.0.1:0", "tcp://h:+80",
    ] {
      let facts = DockerDaemonProbe.run(
        environment: ["DOCKER_HOST": host], context: context(), sourcePaths: emptySources)
      XCTAssertFalse(facts.reachable, host)
      XCTAssertTrue(facts.error?.contains("a port is a number from 1 to 65535") ?? false, facts.error ?? host)
    }
  }

  func testControlCharactersInDockerHostAreEscapedAndRefused() {
    let facts = probe(dockerHost: "unix:///tmp/x\u{1B}]0;pwned\u{07}.sock")
    XCTAssertFalse(facts.reachable)
    XCTAssertEqual(facts.host, "unix:///tmp/x\\x1B]0;pwned\\x07.sock")
    XCTAssertTrue(facts.error?.contains("control character") ?? false, facts.error ?? "")
    XCTAssertFalse(facts.error?.contains("\u{1B}") ?? true)
  }

  func testRefusedTCPHostIsUnreachable() throws {
    let port = try LabFixtures.closedPort()
    let facts = probe(dockerHost: "tcp://127.0.0.1:\(port)")
    XCTAssertFalse(facts.reachable)
    XCTAssertTrue(facts.error?.contains("refused") ?? false, facts.error ?? "")
  }

  func testSourcesAreReadFromDropInsAndDaemonJSON() throws {
    let dropIns = directory + "/docker.service.d"
    try FileManager.default.createDirectory(atPath: dropIns, withIntermediateDirectories: true)
    try "[Service]\nEnvironment=\"HTTPS_PROXY=http://proxy.corp:3128\" \"NO_PROXY=localhost\"\n"
      .write(toFile: dropIns + "/http-proxy.conf", atomically: true, encoding: .utf8)
    try "not a drop-in".write(toFile: dropIns + "/README", atomically: true, encoding: .utf8)
    try #"{"proxies":{"https-proxy":"http://other:8080","no-proxy":"*.corp"}}"#
      .write(toFile: directory + "/daemon.json", atomically: true, encoding: .utf8)
    let paths = DaemonConfigPaths(
      systemdDropInDirectory: dropIns, daemonJSON: directory + "/daemon.json")

    let facts = DockerDaemonProbe.run(
      environment: ["DOCKER_HOST": "unix://\(directory)/absent.sock"], context: context(),
      sourcePaths: paths)
    XCTAssertEqual(
      facts.sources.map(\.path), [dropIns + "/http-proxy.conf", directory + "/daemon.json"])
    XCTAssertEqual(facts.sources.first?.httpsProxy, "http://proxy.corp:3128")
    XCTAssertEqual(facts.sources.first?.noProxy, "localhost")
    XCTAssertEqual(facts.sources.last?.httpsProxy, "http://other:8080")
    XCTAssertNil(facts.sources.last?.parseError)
  }

  func testInvalidDaemonJSONIsAParseError() throws {
    try "{ not json".write(toFile: directory + "/daemon.json", atomically: true, encoding: .utf8)
    let paths = DaemonConfigPaths(
      systemdDropInDirectory: directory + "/none.d", daemonJSON: directory + "/daemon.json")
    let facts = DockerDaemonProbe.run(
      environment: ["DOCKER_HOST": "unix://\(directory)/absent.sock"], context: context(),
      sourcePaths: paths)
    XCTAssertEqual(facts.sources.count, 1)
    XCTAssertNotNil(facts.sources.first?.parseError)
  }
}
