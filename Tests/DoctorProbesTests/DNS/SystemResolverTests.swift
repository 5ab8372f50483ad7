import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// getaddrinfo is only asked for names it can answer without DNS here (the hosts file, numeric addresses), or
/// for `.invalid` when every resolv.conf nameserver is on loopback: tests never send DNS off this machine.
final class SystemResolverTests: XCTestCase {
  private func context(_ seconds: Double) -> ProbeContext { ProbeContext(deadline: .now() + seconds, environment: [:]) }

  func testLocalhostResolvesToLoopbackFromTheHostsFile() throws {
    try skipUnlessHostsFileAnswers("localhost")
    let lookup = SystemResolver.lookup("localhost", context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved)
    XCTAssertFalse(lookup.addresses.isEmpty)
    XCTAssertTrue(lookup.addresses.allSatisfy { $0.addressClass == .loopback }, "\(lookup.addresses)")
    XCTAssertEqual(Set(lookup.addresses).count, lookup.addresses.count, "addresses are deduplicated")
    XCTAssertNil(lookup.error)
  }

  func testNumericAddressesAreReturnedAsIs() {
    XCTAssertEqual(SystemResolver.lookup("127.0.0.1", context: context(5)).addresses.map(\.ip), ["127.0.0.1"])
    let v6 = SystemResolver.lookup("::1", context: context(5))
    XCTAssertEqual(v6.outcome, .resolved)
    XCTAssertEqual(v6.addresses, [ResolvedAddress(ip: "::1")])
  }

  func testInvalidTLDDoesNotResolve() throws {
    var nameservers: [String] = []
    let resolvConf = (try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) ?? ""
    for line in resolvConf.split(whereSeparator: \.isNewline) {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if fields.count >= 2 && fields[0] == "nameserver" { nameservers.append(String(fields[1])) }
    }
    guard nameservers.allSatisfy({ classifyAddress($0) == .loopback }) else {
      throw XCTSkip("resolv.conf points off this machine (\(nameservers)); tests send no DNS there")
    }
    let lookup = SystemResolver.lookup("regdoctor-test.invalid", context: context(15))
    XCTAssertTrue([.nxdomain, .noData, .servfail, .timeout].contains(lookup.outcome), "\(lookup)")
    XCTAssertEqual(lookup.addresses, [])
  }

  /// getaddrinfo cannot be cancelled: the lookup must give up at the deadline and leave the call running.
  func testGivesUpAtTheDeadlineWhileTheCallBlocks() {
    let release = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    let ctx = context(0.3)
    let lookup = SystemResolver.lookup("slow.test", context: ctx) { _, _ in
      release.wait()
      finished.signal()
      return SystemLookup(outcome: .resolved, addresses: [ResolvedAddress(ip: "192.0.2.1")], ms: 0)
    }
    XCTAssertEqual(lookup.outcome, .timeout)
    XCTAssertEqual(lookup.error, "no answer before the deadline")
    release.signal()
    XCTAssertEqual(finished.wait(timeout: .now() + 5), .success, "the abandoned call finishes on its own")
  }

  func testCancellationEndsTheWait() {
    let release = DispatchSemaphore(value: 0)
    let ctx = context(30)
    let lookup = SystemResolver.lookup("slow.test", context: ctx) { _, _ in
      ctx.cancellation.cancel()
      release.wait()
      return SystemLookup(outcome: .resolved, addresses: [], ms: 0)
    }
    release.signal()
    XCTAssertEqual(lookup.outcome, .timeout)
    XCTAssertEqual(lookup.error, "cancelled")
    XCTAssertGreaterThan(ctx.remainingSeconds, 20)
  }

  /// Skips unless nsswitch asks `files` first and the hosts file names `host`, so getaddrinfo never needs DNS.
  private func skipUnlessHostsFileAnswers(_ host: String) throws {
    let nsswitch = (try? String(contentsOfFile: "/etc/nsswitch.conf", encoding: .utf8)) ?? "hosts: files dns"
    let hostsLine = nsswitch.split(whereSeparator: \.isNewline).first { $0.hasPrefix("hosts:") } ?? "hosts: files dns"
    let sources = hostsLine.dropFirst("hosts:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard sources.first == "files", HostsFileCheck.run(hosts: [host]).pinned[host] != nil else {
      throw XCTSkip("\(host) is not answered by /etc/hosts first here")
    }
  }
}
