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

  // Linux drops SYNs to a listener whose accept queue is full, exactly like a firewall that drops them: with a
  // backlog of 0 and nobody accepting, the queue fills after one connection and later connects get no answer.
  func testDroppedSYNIsATimeout() throws {
    let listener = try FullBacklogListener()
    defer { listener.close() }
    let endpoint = LabFixtures.endpoint(port: listener.port)
    var outcomes: [ConnectOutcome] = []
    for _ in 0..<4 {
      let facts = TCPProbe.connect(
        endpoint: endpoint, address: ResolvedAddress(ip: "127.0.0.1"),
        context: LabFixtures.context(seconds: 1))
      outcomes.append(facts.outcome)
      if facts.outcome == .timeout { break }
    }
    XCTAssertEqual(outcomes.last, .timeout, "outcomes: \(outcomes)")
    XCTAssertFalse(outcomes.contains(.refused))

    // With the queue full, a connect with a long deadline waits on dropped SYNs until it is cancelled.
    let context = LabFixtures.context(seconds: 120)
    let finished = expectation(description: "connect returned after cancel")
    DispatchQueue.global().async {
      let facts = TCPProbe.connect(
        endpoint: endpoint, address: ResolvedAddress(ip: "127.0.0.1"), context: context)
      XCTAssertEqual(facts.outcome, .error)
      XCTAssertEqual(facts.error, "cancelled")
      finished.fulfill()
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { context.cancellation.cancel() }
    wait(for: [finished], timeout: 30)
  }
}
