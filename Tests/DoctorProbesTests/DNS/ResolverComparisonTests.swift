import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// `dns.resolvers.*`: getaddrinfo, each nameserver and the pasted error's resolver, asked for real (dnsmasq and a
/// silent socket on loopback). The name is `localhost`, so getaddrinfo answers from this machine's /etc/hosts and
/// nothing leaves the machine; the wire view is the test's dnsmasq, which says otherwise.
final class ResolverComparisonTests: DNSServerTestCase {
  private var etc = ""

  override func setUpWithError() throws {
    etc = try temporaryDirectory("resolvers")
    try "".write(toFile: etc + "/hosts", atomically: true, encoding: .utf8)
    try "hosts: files dns\n".write(toFile: etc + "/nsswitch.conf", atomically: true, encoding: .utf8)
  }

  private let endpoint = Endpoint(host: "localhost", role: .loginServer)

  private func compare(_ nameservers: [String], pasted: String?) -> ResolverComparisonFacts {
    ProbePlan.compareResolvers(
      endpoint, nameservers: nameservers, pasted: pasted, hostsPath: etc + "/hosts",
      nsswitchPath: etc + "/nsswitch.conf", context: context(4))
  }

  private func findings(_ facts: ResolverComparisonFacts) -> [FindingID] {
    let registry = RegistryTarget(input: "localhost", kind: .generic, host: "localhost")
    let result = ProbeResult(
      id: "dns.resolvers.login-server", target: "localhost", durationMs: 1, facts: .resolvers(facts))
    let input = DiagnosisInput(
      registry: registry, symptoms: [], probes: [result], proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: .en, elapsedMs: 1).findings.map(\.id)
  }

  func testASilentPastedResolverBesideOneThatAnswers() throws {
    let dns = try startDnsmasq("host-record=localhost,203.0.113.10\n")
    let silent = try startSilentNameserver()
    let pasted = try XCTUnwrap(
      ErrorFacts.read("dial tcp: lookup localhost on \(silent.nameserver): read udp 10.0.0.4:1->x: i/o timeout")
        .resolver)
    let facts = compare([dns.nameserver], pasted: pasted)
    XCTAssertEqual(facts.resolvConfAnswers.map(\.addresses), [["203.0.113.10"]], dns.log)
    XCTAssertEqual(facts.pasted?.server, silent.nameserver)
    XCTAssertEqual(facts.pasted?.outcome, .timeout)
    XCTAssertEqual(facts.system.outcome, .resolved)
    XCTAssertEqual(facts.nsswitchHosts, ["files", "dns"])
    let ids = findings(facts)
    XCTAssertTrue(ids.contains(.pastedResolverFails), "\(ids)")
    // getaddrinfo answers from this machine's /etc/hosts (loopback), the nameserver with 203.0.113.10.
    XCTAssertTrue(ids.contains(.systemResolverDisagrees), "\(ids)")
  }

  func testAPastedResolverThatAnswersIsNoFinding() throws {
    let dns = try startDnsmasq("host-record=localhost,203.0.113.10\n")
    let facts = compare([dns.nameserver], pasted: dns.nameserver)
    XCTAssertEqual(facts.pasted?.addresses, ["203.0.113.10"])
    XCTAssertFalse(findings(facts).contains(.pastedResolverFails))
  }

  func testDockersEmbeddedDNSIsNotAskedFromHere() {
    let facts = compare([], pasted: "127.0.0.11:53")
    XCTAssertNotNil(facts.pasted?.notAsked)
    XCTAssertFalse(findings(facts).contains(.pastedResolverFails))
  }
}
