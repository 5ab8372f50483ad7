import XCTest

/// The fault lab: each test builds one scenario of `Scenarios.swift` in its own network namespace and checks
/// that `regdoctor diagnose` names the cause. Needs root (CI runs it as root); skips with the reason otherwise.
final class FaultScenarioTests: XCTestCase {
  func testHealthyPublic() throws { try runScenario(.healthyPublic) }
  func testHealthyPrivateEndpoint() throws { try runScenario(.healthyPrivateEndpoint) }
  func testHealthyThroughTinyproxy() throws { try runScenario(.healthyThroughTinyproxy) }
  func testLoginServerNXDOMAIN() throws { try runScenario(.loginServerNXDOMAIN) }
  func testNameserverNotListening() throws { try runScenario(.nameserverNotListening) }
  func testNameserverDropped() throws { try runScenario(.nameserverDropped) }
  func testSYNDropped() throws { try runScenario(.synDropped) }
  func testConnectionRefused() throws { try runScenario(.connectionRefused) }
  func testProxyDenies403() throws { try runScenario(.proxyDenies403) }
  func testProxyDenies407() throws { try runScenario(.proxyDenies407) }
  func testProxyClosesConnection() throws { try runScenario(.proxyClosesConnection) }
  func testProxyNotListening() throws { try runScenario(.proxyNotListening) }
  func testProxySchemeMismatch() throws { try runScenario(.proxySchemeMismatch) }
  func testNoProxyBypassesProxy() throws { try runScenario(.noProxyBypassesProxy) }
  func testDockerDaemonWithoutProxy() throws { try runScenario(.dockerDaemonWithoutProxy) }
  func testDockerDaemonWithOtherProxy() throws { try runScenario(.dockerDaemonWithOtherProxy) }
  func testRegistryFirewallDeniesClient() throws { try runScenario(.registryFirewallDeniesClient) }
  func testPrivateEndpointDNSPublicIP() throws { try runScenario(.privateEndpointDNSPublicIP) }
  func testPrivateEndpointMissingRecord() throws { try runScenario(.privateEndpointMissingRecord) }
  func testPrivateEndpointUnreachable() throws { try runScenario(.privateEndpointUnreachable) }
  func testDataEndpointBlocked() throws { try runScenario(.dataEndpointBlocked) }
  func testDataEndpointRecordMissing() throws { try runScenario(.dataEndpointRecordMissing) }
  func testRegistryHangs() throws { try runScenario(.registryHangs) }
  func testTLSInterceptionTrusted() throws { try runScenario(.tlsInterceptionTrusted) }
  func testTLSInterceptionUntrusted() throws { try runScenario(.tlsInterceptionUntrusted) }
  func testHostsFileOverride() throws { try runScenario(.hostsFileOverride) }
  func testHealthyWithSymptom() throws { try runScenario(.healthyWithSymptom) }
  func testHealthyThroughHTTPSProxy() throws { try runScenario(.healthyThroughHTTPSProxy) }
  func testProxyCredentialsStaySecret() throws { try runScenario(.proxyCredentialsStaySecret) }
  func testProxyRejectsCredentials() throws { try runScenario(.proxyRejectsCredentials) }
  func testRegistryAnswersGarbage() throws { try runScenario(.registryAnswersGarbage) }
  func testRegistryClosesConnection() throws { try runScenario(.registryClosesConnection) }
  func testDataEndpointNotPrivate() throws { try runScenario(.dataEndpointNotPrivate) }
  func testTokenServiceNXDOMAIN() throws { try runScenario(.tokenServiceNXDOMAIN) }
  func testTokenServiceUnreachable() throws { try runScenario(.tokenServiceUnreachable) }
  func testBehindProxyDenies403() throws { try runScenario(.behindProxyDenies403) }
  func testBehindProxyDenies407() throws { try runScenario(.behindProxyDenies407) }
  func testBehindProxyClosesConnection() throws { try runScenario(.behindProxyClosesConnection) }
  func testBehindProxySchemeMismatch() throws { try runScenario(.behindProxySchemeMismatch) }
  func testBehindProxyInspectionUntrusted() throws { try runScenario(.behindProxyInspectionUntrusted) }
  func testBehindAuthenticatingProxyHealthy() throws { try runScenario(.behindAuthenticatingProxyHealthy) }

  /// Every scenario of the table has a test above (adding one to `all` without a test fails here).
  func testEveryScenarioHasATest() {
    let names = LabScenario.all.map(\.name)
    XCTAssertEqual(Set(names).count, names.count, "scenario names must be unique")
    XCTAssertEqual(names.count, 41, "add a test method for each new scenario")
  }
}
