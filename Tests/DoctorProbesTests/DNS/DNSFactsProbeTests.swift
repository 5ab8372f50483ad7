import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

final class DNSFactsProbeTests: DNSServerTestCase {
  /// Both views at once: the system view from the hosts file, the wire view from a loopback dnsmasq.
  func testBothViewsOfOneName() throws {
    let nsswitch = (try? String(contentsOfFile: "/etc/nsswitch.conf", encoding: .utf8)) ?? ""
    let filesFirst = nsswitch.split(whereSeparator: \.isNewline).contains {
      $0.hasPrefix("hosts:") && $0.contains(" files")
    }
    guard filesFirst, HostsFileCheck.run(hosts: ["localhost"]).pinned["localhost"] != nil else {
      throw XCTSkip("localhost is not answered by /etc/hosts here")
    }
    let dns = try startDnsmasq("host-record=localhost,127.0.0.1\n")
    let endpoint = Endpoint(host: "localhost", role: .loginServer)
    let facts = makeDNSFacts(
      endpoint: endpoint, nameservers: [dns.nameserver], hostsEntries: ["127.0.0.1"], context: context(5))
    XCTAssertEqual(facts.endpoint, endpoint)
    XCTAssertEqual(facts.system.outcome, .resolved)
    XCTAssertTrue(facts.system.addresses.allSatisfy { $0.addressClass == .loopback })
    XCTAssertEqual(facts.wire?.outcome, .resolved, dns.log)
    XCTAssertEqual(facts.wire?.answeredBy, dns.nameserver)
    XCTAssertEqual(facts.wire?.addresses.map(\.address.ip), ["127.0.0.1"])
    XCTAssertEqual(facts.hostsEntries, ["127.0.0.1"])
    XCTAssertFalse(facts.viaPrivateLink)
  }

  func testNoWireViewForAnAddressOrWithoutNameservers() {
    let byAddress = makeDNSFacts(
      endpoint: Endpoint(host: "127.0.0.1", role: .loginServer), nameservers: ["127.0.0.1:9"], hostsEntries: [],
      context: context(2))
    XCTAssertNil(byAddress.wire)
    XCTAssertEqual(byAddress.system.addresses.map(\.ip), ["127.0.0.1"])
    let noServers = makeDNSFacts(
      endpoint: Endpoint(host: "::1", role: .dataEndpoint), nameservers: [], hostsEntries: [], context: context(2))
    XCTAssertNil(noServers.wire)
  }
}
