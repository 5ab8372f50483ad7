import XCTest

@testable import DoctorCore

/// docker-daemon-proxy-fails and puller-untrusted-certificate, decided from the daemon's own path
/// (`puller.docker.*`): the exit code must follow the pull, and the shell's own findings must not be repeated.
final class PullerRulesTests: XCTestCase {
  /// The daemon's path to the login server: through `proxy` (nil: direct), ending as the arguments say.
  private func daemonPath(
    _ b: inout FactsBuilder, proxy: String?, proxyOutcome: ProxyConnectOutcome = .established,
    tls: TLSOutcome? = .verified, status: Int? = 401, notTried: String? = nil, bypassedBy: String? = nil
  ) {
    let e = FactsBuilder.login
    let path: NetworkPath = proxy.map { .proxy($0) } ?? .direct
    let proxyFacts = proxy.map {
      ProxyFacts(
        endpoint: e, proxyURL: $0, decision: ProxyDecision(go: $0, curl: $0, bypassedBy: nil), outcome: proxyOutcome,
        statusCode: nil, statusLine: nil, error: proxyOutcome == .established ? nil : "connection refused", ms: 1)
    }
    let cert = CertificateSummary(
      subject: "CN=*.azurecr.io", issuer: "CN=Corp Inspection CA, O=Contoso Ltd", issuerOrganization: "Contoso Ltd",
      subjectAlternativeNames: ["*.azurecr.io"], notBefore: "2026-01-01", notAfter: "2027-01-01", isCA: false)
    let tlsFacts = tls.map {
      TLSFacts(
        endpoint: e, address: "203.0.113.10", path: path, outcome: $0, reason: nil, chain: [cert], handshakeMs: 1)
    }
    let httpFacts = status.map {
      HTTPFacts(
        endpoint: e, path: path, requestPath: "/v2/", outcome: .response, statusCode: $0, reasonPhrase: nil,
        challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])
    }
    b.add(
      "puller.docker.login-server",
      .pullerPath(
        PullerPathFacts(
          puller: .docker, endpoint: e, proxyURL: proxy, source: "/info", trust: "system bundle + certs.d",
          bypassedBy: bypassedBy, proxy: proxyFacts, tls: tlsFacts, http: httpFacts, notTried: notTried)))
  }

  func testTheDaemonsOwnDeadProxyIsAnErrorBesideTheWorkingShellProxy() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://old-proxy:8080")
    daemonPath(&b, proxy: "http://old-proxy:8080", proxyOutcome: .unreachable, tls: nil, status: nil)
    XCTAssertEqual(b.conclusion, .dockerDaemonProxyFails)
    XCTAssertTrue(b.ids.contains(.dockerDaemonProxyMismatch), "the mismatch stays as a warning")
    XCTAssertFalse(b.ids.contains(.noNetworkProblem))
    let finding = b.report.findings.first { $0.id == .dockerDaemonProxyFails }
    XCTAssertTrue(finding?.evidence.joined().contains("old-proxy:8080") ?? false)
    // The remedies write the proxy that works, not the dead one.
    let commands = finding?.remedies.flatMap(\.commands).joined() ?? ""
    XCTAssertTrue(commands.contains("http://proxy:3128"), commands)
  }

  func testTheDaemonsWorkingProxyIsNoFinding() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://other-proxy:8080")
    daemonPath(&b, proxy: "http://other-proxy:8080")
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
  }

  func testTheShellsOwnProxyFailingIsLeftToTheProxyFindings() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    b.proxy(.unreachable)
    b.docker(httpsProxy: "http://proxy:3128")
    daemonPath(&b, proxy: "http://proxy:3128", proxyOutcome: .unreachable, tls: nil, status: nil)
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
    XCTAssertEqual(b.conclusion, .proxyUnreachable)
  }

  func testAProxyWithHiddenCredentialsIsNotJudged() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.docker(httpsProxy: "http://user:***@proxy:3128")
    daemonPath(&b, proxy: "http://user:***@proxy:3128", tls: nil, status: nil, notTried: "credentials hidden")
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
  }

  func testAChainTheShellTrustsAndTheDaemonDoesNotIsAnError() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls(.verified, issuer: "Corp Inspection CA", org: "Contoso Ltd")
    b.http()
    b.docker()
    daemonPath(&b, proxy: nil, tls: .untrusted, status: nil)
    XCTAssertEqual(b.conclusion, .pullerUntrustedCertificate)
    XCTAssertTrue(b.report.findings[0].evidence.joined().contains("Corp Inspection CA"))
    XCTAssertTrue(b.report.findings[0].remedies[0].commands.joined().contains("/etc/docker/certs.d/contoso.azurecr.io"))
  }

  func testAChainNobodyTrustsIsTheHandshakeFinding() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls(.untrusted, issuer: "Corp Inspection CA", org: "Contoso Ltd")
    b.docker()
    daemonPath(&b, proxy: nil, tls: .untrusted, status: nil)
    XCTAssertFalse(b.ids.contains(.pullerUntrustedCertificate))
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
  }

  func testTheDaemonsNOPROXYSendingTheRegistryDirectIntoTheFirewallIsAnError() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://proxy:3128", noProxy: ".azurecr.io")
    daemonPath(&b, proxy: nil, tls: nil, status: nil, bypassedBy: ".azurecr.io")
    XCTAssertEqual(b.conclusion, .dockerDaemonProxyFails)
    XCTAssertTrue(b.report.findings[0].evidence.joined().contains("'.azurecr.io'"))
  }

  func testTheDaemonsNOPROXYIsFineWhereDirectWorks() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.docker(httpsProxy: "http://proxy:3128", noProxy: ".azurecr.io")
    daemonPath(&b, proxy: nil, bypassedBy: ".azurecr.io")
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
  }
}
