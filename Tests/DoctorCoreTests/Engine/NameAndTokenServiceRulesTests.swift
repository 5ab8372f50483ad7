import XCTest

@testable import DoctorCore

/// Words that say what really happened (issue 11): a token service that does not resolve or cannot be reached
/// while the login server answered, and a CNAME chain that loops while the nameservers answer.
final class NameAndTokenServiceRulesTests: XCTestCase {
  static let realm = Endpoint(host: "auth.contoso.example", role: .tokenRealm, label: "token-realm")

  func testATokenServiceThatDoesNotResolveIsNotTheLoginServer() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.dns([], at: Self.realm, outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .tokenServiceDNSFailure)
    XCTAssertFalse(b.ids.contains(.loginServerDNSFailure), "\(b.ids)")
    let finding = b.report.findings.first { $0.id == .tokenServiceDNSFailure }
    XCTAssertEqual(
      finding?.evidence.first,
      "http.login-server: the login server answered 401; its challenge names "
        + "the token service https://contoso.azurecr.io/oauth2/token")
    XCTAssertTrue(finding?.evidence.contains { $0.hasPrefix("dns.token-realm: auth.contoso.example nxdomain") } == true)
  }

  func testATokenServiceThatCannotBeReachedIsNotTheRegistryRefusing() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.dns(["203.0.113.20"], at: Self.realm)
    b.tcp("203.0.113.20", .refused, at: Self.realm)
    XCTAssertEqual(b.conclusion, .tokenServiceUnreachable)
    XCTAssertFalse(b.ids.contains(.tcpConnectRefused), "\(b.ids)")
    b.probes.removeLast()
    b.tcp("203.0.113.20", .timeout, at: Self.realm)
    XCTAssertEqual(b.conclusion, .tokenServiceUnreachable)
    XCTAssertFalse(b.ids.contains(.tcpConnectTimeout), "\(b.ids)")
  }

  /// The login server itself not resolving is still login-server-dns-failure.
  func testTheLoginServerNotResolvingKeepsItsFinding() {
    var b = FactsBuilder()
    b.dns([], outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .loginServerDNSFailure)
  }

  func testALoopingCNAMEChainIsTheLoopNotSilentNameservers() {
    var b = FactsBuilder()
    b.nameservers([.cnameLoop])
    let login = FactsBuilder.login
    let wire = WireLookup(
      outcome: .cnameLoop, answeredBy: "10.0.0.2",
      cnames: [
        CNAMERecord(name: login.host, target: "b.contoso.example", ttl: 60),
        CNAMERecord(name: "b.contoso.example", target: login.host, ttl: 60),
      ], addresses: [],
      attempts: [
        NameserverAttempt(server: "10.0.0.2", outcome: .cnameLoop, ms: 1, error: "CNAME loop at \(login.host)")
      ], ms: 1)
    let system = SystemLookup(outcome: .servfail, addresses: [], error: "Temporary failure in name resolution", ms: 1)
    b.add("dns.login-server", .dns(DNSFacts(endpoint: login, system: system, wire: wire, hostsEntries: [])))
    XCTAssertEqual(b.conclusion, .dnsCNAMELoop)
    XCTAssertFalse(b.ids.contains(.dnsServerUnreachable), "\(b.ids)")
    XCTAssertFalse(b.ids.contains(.loginServerDNSFailure), "\(b.ids)")
    let evidence = b.report.findings.first?.evidence ?? []
    XCTAssertEqual(
      evidence.first, "dns.login-server: contoso.azurecr.io -> b.contoso.example -> contoso.azurecr.io")
    XCTAssertTrue(evidence.contains("dns.login-server: CNAME loop at contoso.azurecr.io"), "\(evidence)")
  }
}
