import Dispatch
import DoctorCore
import XCTest

@testable import DoctorProbes

/// The wire view against real dnsmasq processes and sockets on loopback only.
final class WireResolverTests: DNSServerTestCase {
  func testARecord() throws {
    let dns = try startDnsmasq("host-record=registry.test,192.0.2.10\n")
    let lookup = WireResolver.query("registry.test", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved, dns.log)
    XCTAssertEqual(lookup.answeredBy, dns.nameserver)
    XCTAssertEqual(lookup.addresses.map(\.address.ip), ["192.0.2.10"])
    XCTAssertEqual(lookup.addresses.first?.name, "registry.test")
    XCTAssertEqual(lookup.cnames, [])
    XCTAssertEqual(lookup.attempts.map(\.outcome), [.resolved])
  }

  func testPrivateLinkCNAMEChain() throws {
    let dns = try startDnsmasq(
      """
      cname=contoso.azurecr.io,contoso.privatelink.azurecr.io
      host-record=contoso.privatelink.azurecr.io,10.1.2.3
      """)
    let lookup = WireResolver.query("contoso.azurecr.io", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved, dns.log)
    XCTAssertEqual(lookup.chainText, "contoso.azurecr.io -> contoso.privatelink.azurecr.io")
    XCTAssertEqual(lookup.addresses.map(\.name), ["contoso.privatelink.azurecr.io"])
    XCTAssertEqual(lookup.addresses.map(\.address.ip), ["10.1.2.3"])
    XCTAssertEqual(lookup.addresses.first?.address.addressClass, .private)
  }

  func testTwoLinkChainKeepsOrderAndIPv6() throws {
    let dns = try startDnsmasq(
      """
      cname=a.chain.test,b.chain.test
      cname=b.chain.test,c.chain.test
      host-record=c.chain.test,192.0.2.30,2001:db8::30
      """)
    let lookup = WireResolver.query("A.Chain.Test", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved, dns.log)
    XCTAssertEqual(lookup.cnames.map(\.target), ["b.chain.test", "c.chain.test"])
    XCTAssertEqual(lookup.addresses.map(\.address.ip), ["192.0.2.30", "2001:db8::30"])
  }

  /// Verified on dnsmasq 2.90: `address=/domain/` with no address answers NXDOMAIN for the domain and below.
  func testNXDOMAIN() throws {
    let dns = try startDnsmasq("address=/nx.example/\n")
    let lookup = WireResolver.query("registry.nx.example", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .nxdomain, dns.log)
    XCTAssertEqual(lookup.answeredBy, dns.nameserver)
    XCTAssertEqual(lookup.addresses, [])
  }

  /// Verified: with --no-resolv dnsmasq REFUSES names it has no data and no upstream for.
  func testRefusedForUnknownNameWithoutUpstream() throws {
    let dns = try startDnsmasq("host-record=known.test,192.0.2.1\n")
    let lookup = WireResolver.query("unknown.example", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .refused, dns.log)
    XCTAssertEqual(lookup.answeredBy, dns.nameserver)
  }

  /// The name exists (a TXT record in a local zone) but has no A or AAAA.
  func testNoData() throws {
    let dns = try startDnsmasq("local=/zone.test/\ntxt-record=txtonly.zone.test,\"hello\"\n")
    let lookup = WireResolver.query("txtonly.zone.test", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .noData, dns.log)
  }

  /// dnsmasq does not turn an unreachable upstream into SERVFAIL; a failed DNSSEC validation it does. A validating
  /// dnsmasq with a made-up root trust anchor, in front of a plain one that cannot give DS records, says SERVFAIL.
  func testSERVFAILFromFailedValidation() throws {
    let upstream = try startDnsmasq("host-record=x.fail.test,192.0.2.7\n")
    let validating = try startDnsmasq(
      """
      server=\(upstream.address)#\(upstream.port)
      dnssec
      trust-anchor=.,12345,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
      """)
    let lookup = WireResolver.query("x.fail.test", nameservers: [validating.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .servfail, validating.log)
    XCTAssertEqual(lookup.answeredBy, validating.nameserver)
  }

  /// Verified: dnsmasq forwarding to a closed upstream port stays silent (no SERVFAIL), so the client times out.
  func testDnsmasqWithDeadUpstreamIsSilent() throws {
    let closed = try closedLoopbackPort()
    let dns = try startDnsmasq("server=/fail.test/127.0.0.1#\(closed)\n")
    let lookup = WireResolver.query(
      "x.fail.test", nameservers: [dns.nameserver], context: context(1.5), attemptTimeout: 0.5)
    XCTAssertEqual(lookup.outcome, .timeout, dns.log)
    XCTAssertNil(lookup.answeredBy)
  }

  func testSilentNameserverTimesOutWithinTheDeadline() throws {
    let silent = try startSilentNameserver()
    let ctx = context(1)
    let lookup = WireResolver.query("registry.test", nameservers: [silent.nameserver], context: ctx)
    XCTAssertEqual(lookup.outcome, .timeout)
    XCTAssertEqual(lookup.attempts.map(\.outcome), [.timeout])
    XCTAssertNil(lookup.answeredBy)
    // Bounded: it returned, and not long after the deadline (a generous margin, not a performance check).
    XCTAssertLessThan(DispatchTime.now().uptimeNanoseconds, ctx.deadline.uptimeNanoseconds + 1_000_000_000)
  }

  func testClosedPortIsConnectionRefused() throws {
    let port = try closedLoopbackPort()
    let lookup = WireResolver.query("registry.test", nameservers: ["127.0.0.1:\(port)"], context: context(3))
    XCTAssertEqual(lookup.outcome, .error)
    XCTAssertEqual(lookup.attempts.first?.outcome, .error)
    XCTAssertEqual(lookup.attempts.first?.error, "connection refused")
  }

  func testFirstSilentSecondAnswering() throws {
    let silent = try startSilentNameserver()
    let dns = try startDnsmasq("host-record=registry.test,192.0.2.10\n")
    let lookup = WireResolver.query(
      "registry.test", nameservers: [silent.nameserver, dns.nameserver], context: context(1.5), attemptTimeout: 0.5)
    XCTAssertEqual(lookup.answeredBy, dns.nameserver)
    XCTAssertEqual(lookup.outcome, .resolved)
    XCTAssertEqual(lookup.attempts.map(\.server), [silent.nameserver, dns.nameserver])
    XCTAssertEqual(lookup.attempts.map(\.outcome), [.timeout, .resolved])
  }

  func testFirstAnsweringServerInOrderWinsEvenWithNXDOMAIN() throws {
    let nx = try startDnsmasq("address=/registry.test/\n")
    let ok = try startDnsmasq("host-record=registry.test,192.0.2.10\n")
    let lookup = WireResolver.query("registry.test", nameservers: [nx.nameserver, ok.nameserver], context: context(5))
    XCTAssertEqual(lookup.answeredBy, nx.nameserver)
    XCTAssertEqual(lookup.outcome, .nxdomain)
    XCTAssertEqual(lookup.attempts.map(\.outcome), [.nxdomain, .resolved])
  }

  /// 60 A records do not fit 512 bytes: dnsmasq sets TC and the resolver asks again over TCP.
  func testTruncatedAnswerIsRetriedOverTCP() throws {
    let dns = try startDnsmasq("")
    let hosts = (1...60).map { "192.0.2.\($0) big.test" }.joined(separator: "\n") + "\n"
    let hostsFile = dns.directory.appendingPathComponent("big.hosts")
    try hosts.write(to: hostsFile, atomically: true, encoding: .utf8)
    let big = try startDnsmasq("addn-hosts=\(hostsFile.path)\n")
    let lookup = WireResolver.query("big.test", nameservers: [big.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved, big.log)
    XCTAssertEqual(Set(lookup.addresses.map(\.address.ip)).count, 60)
    XCTAssertTrue(big.log.contains("big.test"))
  }

  func testIPv6LoopbackNameserver() throws {
    guard let probe = try? boundSocket("::1", type: Int32(SOCK_DGRAM.rawValue)) else {
      throw XCTSkip("no IPv6 loopback here")
    }
    Glibc.close(probe.0)
    let dns = try startDnsmasq("host-record=registry.test,192.0.2.10\n", address: "::1")
    XCTAssertTrue(dns.nameserver.hasPrefix("[::1]:"))
    let lookup = WireResolver.query("registry.test", nameservers: [dns.nameserver], context: context(5))
    XCTAssertEqual(lookup.outcome, .resolved, dns.log)
  }

  func testInvalidNameserverAndInvalidNameAreErrorsNotCrashes() throws {
    let lookup = WireResolver.query("registry.test", nameservers: ["not-an-ip", "[::1"], context: context(1))
    XCTAssertEqual(lookup.outcome, .error)
    XCTAssertEqual(lookup.attempts.map(\.outcome), [.error, .error])
    let port = try closedLoopbackPort()
    let badName = WireResolver.query(
      String(repeating: "a", count: 64) + ".test", nameservers: ["127.0.0.1:\(port)"], context: context(1))
    XCTAssertEqual(badName.outcome, .error)
    XCTAssertEqual(badName.attempts.first?.error?.contains("63"), true)
  }

  func testCancelledContextReturnsAtOnce() throws {
    let silent = try startSilentNameserver()
    let ctx = context(30)
    ctx.cancellation.cancel()
    let lookup = WireResolver.query("registry.test", nameservers: [silent.nameserver], context: ctx)
    XCTAssertEqual(lookup.outcome, .timeout)
    XCTAssertGreaterThan(ctx.remainingSeconds, 20)
  }

  func testCancellationDuringTheWaitStopsIt() throws {
    let silent = try startSilentNameserver()
    let ctx = context(30)
    // Cancel once the query has reached the silent server: the resolver is then inside its wait.
    let fd = silent.fd
    DispatchQueue.global().async {
      var arrived = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      _ = poll(&arrived, 1, 5_000)
      ctx.cancellation.cancel()
    }
    let lookup = WireResolver.query("registry.test", nameservers: [silent.nameserver], context: ctx)
    XCTAssertEqual(lookup.outcome, .timeout)
    XCTAssertGreaterThan(ctx.remainingSeconds, 20)
  }
}
