import DoctorCore
import XCTest

/// Each finding of the decision tree that this machine can decide, from hand-made facts; and the ones that must not fire.
final class DiagnosisRulesTests: XCTestCase {
  func testHealthyWithoutSymptomsIsNoNetworkProblem() {
    var b = FactsBuilder()
    b.healthyLogin()
    XCTAssertEqual(b.ids, [.noNetworkProblem])
    XCTAssertEqual(b.report.conclusion.cause, .none)
    XCTAssertFalse(b.report.hasError)
  }

  func testHealthyWithASymptomPointsAtAuthentication() {
    var b = FactsBuilder()
    b.symptoms = [.s3]
    b.healthyLogin()
    XCTAssertEqual(b.conclusion, .networkOKCheckAuthentication)
    XCTAssertEqual(b.report.conclusion.cause, .registryAuth)
  }

  func testNXDOMAIN() {
    var b = FactsBuilder()
    b.dns([], outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .loginServerDNSFailure)
    XCTAssertTrue(b.report.hasError)
  }

  func testAllNameserversSilent() {
    var b = FactsBuilder()
    b.nameservers([.timeout, .timeout])
    b.dns([], outcome: .timeout)
    XCTAssertEqual(b.conclusion, .dnsServerUnreachable)
    XCTAssertTrue(b.ids.contains(.loginServerDNSFailure))
  }

  func testOneSilentNameserverIsNotAFinding() {
    var b = FactsBuilder()
    b.nameservers([.timeout, .resolved])
    b.healthyLogin()
    XCTAssertFalse(b.ids.contains(.dnsServerUnreachable))
  }

  func testSynDropped() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    XCTAssertEqual(b.conclusion, .tcpConnectTimeout)
  }

  func testRefused() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .refused)
    XCTAssertEqual(b.conclusion, .tcpConnectRefused)
  }

  func testOneOfTwoAddressesConnectingIsFine() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10", "2001:db8::1"])
    b.tcp("2001:db8::1", .unreachable)
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http()
    XCTAssertEqual(b.conclusion, .noNetworkProblem)
  }

  func testHostsFileOverride() {
    var b = FactsBuilder()
    b.dns(["198.51.100.9"], hosts: ["198.51.100.9"], wireIPs: ["203.0.113.10"])
    b.tcp("198.51.100.9", .timeout)
    XCTAssertEqual(b.conclusion, .hostsFileOverride)
    XCTAssertTrue(b.ids.contains(.tcpConnectTimeout))
  }

  func testPrivateLinkToPublicIPThatFails() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("203.0.113.10", .timeout)
    XCTAssertEqual(b.conclusion, .privateEndpointDNSPublicIP)
  }

  func testPrivateLinkToPublicIPThatWorksIsNormalFromTheInternet() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http()
    XCTAssertEqual(b.conclusion, .noNetworkProblem)
  }

  func testPrivateLinkRecordMissing() {
    var b = FactsBuilder()
    b.dns([], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")], outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .privateEndpointDNSMissingRecord)
    XCTAssertFalse(b.ids.contains(.loginServerDNSFailure))
  }

  func testPrivateEndpointUnreachable() {
    var b = FactsBuilder()
    b.dns(["10.0.1.5"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("10.0.1.5", .timeout)
    XCTAssertEqual(b.conclusion, .privateEndpointUnreachable)
  }

  func testDataEndpointBlocked() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.dns(["203.0.113.20"], at: FactsBuilder.data)
    b.tcp("203.0.113.20", .timeout, at: FactsBuilder.data)
    XCTAssertEqual(b.conclusion, .dataEndpointUnreachable)
    let f = b.report.findings[0]
    XCTAssertTrue(f.evidence.joined().contains("203.0.113.20"))
  }

  func testDataEndpointRecordMissingInPrivateZone() {
    var b = FactsBuilder()
    b.dns(["10.0.1.5"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("10.0.1.5", .connected)
    b.tls()
    b.http()
    b.dns([], at: FactsBuilder.data, outcome: .nxdomain)
    XCTAssertEqual(b.conclusion, .dataEndpointDNSFailure)
  }

  func testDataEndpointPublicWhileLoginServerPrivate() {
    var b = FactsBuilder()
    b.dns(["10.0.1.5"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("10.0.1.5", .connected)
    b.tls()
    b.http()
    b.dns(["203.0.113.20"], at: FactsBuilder.data)
    b.tcp("203.0.113.20", .timeout, at: FactsBuilder.data)
    XCTAssertEqual(b.ids.first, .dataEndpointDNSNotPrivate)
  }

  func testRegistryFirewallDeniesClientIP() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http(status: 403, deniedIP: "198.51.100.7")
    XCTAssertEqual(b.conclusion, .registryFirewallDeniesClientIP)
    let f = b.report.findings[0]
    XCTAssertTrue(f.evidence.contains { $0.contains("198.51.100.7") })
  }

  func testRegistryNotResponding() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http(status: nil, outcome: .timeout)
    XCTAssertEqual(b.conclusion, .registryNotResponding)
  }

  func testUntrustedChainFromAnInspectionProxy() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls(.untrusted, issuer: "Corp Inspection CA", org: "Corp")
    b.http()
    XCTAssertEqual(b.conclusion, .tlsHandshakeFailed)
    XCTAssertTrue(b.ids.contains(.tlsInterception))
  }

  func testTrustedInterceptionIsAWarningOnly() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls(.verified, issuer: "Zscaler Intermediate Root CA", org: "Zscaler Inc.")
    b.http()
    XCTAssertEqual(b.conclusion, .tlsInterception)
    XCTAssertFalse(b.report.hasError)
  }

  func testProxyOutcomes() {
    let cases: [(ProxyConnectOutcome, FindingID)] = [
      (.denied, .proxyConnectDenied), (.closed, .proxyConnectionClosed), (.schemeMismatch, .proxySchemeMismatch),
      (.unreachable, .proxyUnreachable),
    ]
    for (outcome, expected) in cases {
      var b = FactsBuilder()
      b.dns(["203.0.113.10"])
      b.tcp("203.0.113.10", .timeout)
      b.proxy(outcome)
      XCTAssertEqual(b.conclusion, expected, "\(outcome)")
      // Direct is not the client's path: its timeout is evidence, not a finding.
      XCTAssertFalse(b.ids.contains(.tcpConnectTimeout), "\(outcome)")
    }
  }

  func testNoProxyBypassesAWorkingProxy() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    b.proxy(.established, go: nil, bypassedBy: ".azurecr.io")
    b.tls(path: .proxy("http://proxy:3128"))
    b.http(path: .proxy("http://proxy:3128"))
    XCTAssertEqual(b.conclusion, .noProxyBypassesProxy)
  }

  func testDockerDaemonWithoutTheProxyTheShellNeeds() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: nil)
    XCTAssertEqual(b.conclusion, .dockerDaemonProxyMissing)
  }

  func testDockerDaemonWithTheSameProxyIsFine() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://proxy:3128")
    XCTAssertEqual(b.conclusion, .noNetworkProblem)
  }

  func testDockerDaemonWithAnotherProxyIsAMismatch() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://old-proxy:8080")
    XCTAssertEqual(b.conclusion, .dockerDaemonProxyMismatch)
  }

  func testDaemonJSONThatDoesNotParse() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.docker(
      reachable: false,
      sources: [
        DaemonProxySource(
          path: "/etc/docker/daemon.json", httpProxy: nil, httpsProxy: nil, noProxy: nil,
          parseError: "line 3: unexpected '}'")
      ])
    XCTAssertEqual(b.conclusion, .dockerDaemonConfigInvalid)
  }

  func testFindingsCarryRunbookTextsAndFilledRemedies() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http(status: 403, deniedIP: "198.51.100.7")
    let f = b.report.findings[0]
    XCTAssertFalse(f.title.isEmpty)
    XCTAssertEqual(f.cause, .registryPublicAccessRules)
    let commands = f.remedies.flatMap(\.commands).joined(separator: "\n")
    XCTAssertTrue(commands.contains("198.51.100.7"), commands)
    XCTAssertTrue(commands.contains("contoso"), commands)
    XCTAssertFalse(commands.contains("{"), "unfilled placeholder in: \(commands)")
  }

  func testDefenderOnAPrivateLinkRegistryWithoutAz() {
    var b = FactsBuilder()
    b.symptoms = [.s10]
    b.dns(["10.0.1.5"], cnames: [("contoso.azurecr.io", "contoso.privatelink.azurecr.io")])
    b.tcp("10.0.1.5", .connected)
    b.tls()
    b.http()
    XCTAssertEqual(b.conclusion, .serviceCannotReachRestrictedRegistry)
    XCTAssertEqual(b.report.conclusion.cause, .serviceIntegrationRestricted)
  }

  func testDefenderOnAnOpenRegistryWithoutAzSaysNothingAboutServices() {
    var b = FactsBuilder()
    b.symptoms = [.s10]
    b.healthyLogin()
    XCTAssertFalse(b.ids.contains(.serviceCannotReachRestrictedRegistry))
  }

  func testRemediesKeepAPrivateRegistrysPort() {
    var b = FactsBuilder()
    b.registry = RegistryTarget(input: "registry.example.com:5000", kind: .generic, host: "registry.example.com", port: 5000)
    let e = Endpoint(host: "registry.example.com", port: 5000, role: .loginServer)
    b.dns(["203.0.113.10"], at: e)
    b.tcp("203.0.113.10", .timeout, at: e)
    let commands = b.report.findings[0].remedies.flatMap(\.commands).joined(separator: "\n")
    XCTAssertTrue(commands.contains("registry.example.com 5000") || commands.contains("registry.example.com:5000"), commands)
    XCTAssertFalse(commands.contains("registry.example.com 443"), commands)
  }
}
