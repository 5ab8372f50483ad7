import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// Many endpoints at once (one per replica region) must each get their answer: a blocked lookup may not hold
/// another one back. Found by the engine benchmark: with lookups on libdispatch's global pool (about one thread
/// per CPU), ten data endpoints ran into the deadline and were reported as DNS failures.
final class ConcurrentLookupTests: DNSServerTestCase {
  func testSixteenLookupsBehindASilentNameserverAllResolve() throws {
    let names = (1...16).map { "contoso.r\($0).data.azurecr.io" }
    let dns = try startDnsmasq(names.enumerated().map { "host-record=\($1),198.51.100.\($0 + 1)\n" }.joined())
    let silent = try startSilentNameserver()
    let outcomes = LockedSlots<DNSOutcome>(count: names.count)
    let group = DispatchGroup()
    let ctx = context(3)
    // Like the runner: each lookup on its own thread; each one's first nameserver blocks it for a second.
    for (i, name) in names.enumerated() {
      runBlocking("test.lookup.\(i)", group: group) {
        let wire = WireResolver.query(
          name, nameservers: [silent.nameserver, dns.nameserver], context: ctx, attemptTimeout: 1)
        outcomes.set(i, wire.outcome)
      }
    }
    XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
    XCTAssertEqual((0..<names.count).map { outcomes.get($0) }, Array(repeating: .resolved, count: names.count), dns.log)
  }
}
