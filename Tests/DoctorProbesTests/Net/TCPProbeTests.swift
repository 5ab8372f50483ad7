import DoctorCore
import LabServers
import XCTest

@testable import DoctorProbes

final class TCPProbeTests: XCTestCase {
  func testConnectsToAListeningPort() throws {
    let server = RegistryServer(.init(tls: nil))
    let port = try server.start()
    defer { server.stop() }
    let facts = TCPProbe.connect(
      endpoint: LabFixtures.endpoint(port: port), address: ResolvedAddress(ip: "127.0.0.1"),
      context: LabFixtures.context())
    XCTAssertEqual(facts.outcome, .connected, facts.error ?? "")
    XCTAssertNil(facts.error)
  }

  func testClosedPortIsRefused() throws {
    let port = try LabFixtures.closedPort()
    let facts = TCPProbe.connect(
      endpoint: LabFixtures.endpoint(port: port), address: ResolvedAddress(ip: "127.0.0.1"),
      context: LabFixtures.context())
    XCTAssertEqual(facts.outcome, .refused)
    XCTAssertTrue(facts.error?.contains("refused") ?? false, facts.error ?? "")
  }

  func testIPv6LoopbackConnects() throws {
    let server = RegistryServer(.init(host: "::1", tls: nil))
    let port: Int
    do { port = try server.start() } catch { throw XCTSkip("no IPv6 loopback here: \(error)") }
    defer { server.stop() }
    let facts = TCPProbe.connect(
      endpoint: LabFixtures.endpoint(port: port), address: ResolvedAddress(ip: "::1"),
      context: LabFixtures.context())
    XCTAssertEqual(facts.outcome, .connected, facts.error ?? "")
  }

  // A SYN that is dropped cannot be staged on loopback without root; the netns lab covers that. What can be
  // checked here is that a spent deadline is a timeout, not a connect that runs on.
  func testSpentDeadlineIsATimeout() throws {
    let server = RegistryServer(.init(tls: nil))
    let port = try server.start()
    defer { server.stop() }
    let context = ProbeContext(deadline: .now(), environment: [:])
    let facts = TCPProbe.connect(
      endpoint: LabFixtures.endpoint(port: port), address: ResolvedAddress(ip: "127.0.0.1"),
      context: context)
    XCTAssertEqual(facts.outcome, .timeout)
  }

  func testCancelledProbeDoesNotConnect() throws {
    let server = RegistryServer(.init(tls: nil))
    let port = try server.start()
    defer { server.stop() }
    let context = LabFixtures.context()
    context.cancellation.cancel()
    let facts = TCPProbe.connect(
      endpoint: LabFixtures.endpoint(port: port), address: ResolvedAddress(ip: "127.0.0.1"),
      context: context)
    XCTAssertNotEqual(facts.outcome, .connected)
  }
}
