import XCTest

// The differential scenarios (issue 13) and what a pasted error names (issue 10): each built in its own network
// namespace like the fault table's, kept out of `LabScenario.all` so the table's count stays its own.

private let login = "contoso.azurecr.io"
private let ula = "fd00::10"
private let proxyURL = "http://\(LabAddress.proxy):3128"
/// A resolver address of the failing machine's network: it exists in the namespace, and its DNS is dropped.
private let otherResolver = "10.0.0.54"

extension LabScenario {
  /// AAAA and A; SYNs to the IPv6 address are dropped (a black hole), IPv4 connects: a warning, not a failure.
  static let ipv6Blackholed = LabScenario(
    name: "ipv6-blackholed", dns: [.a(login, [LabAddress.loginServer, ula])],
    registries: [RegistryServer(address: LabAddress.loginServer), RegistryServer(address: ula)],
    drops: [Drop(address: ula, port: 443)],
    expect: Expectation(
      "ipv6-path-broken", exitCode: 0,
      evidence: [
        .probe("tcp.login-server.\(ula)", status: "fail"),
        .probe("tcp.login-server.\(LabAddress.loginServer)", status: "pass"),
        .findingMentions("ipv6-path-broken", ula),
      ], noErrorFindings: true))

  /// Both families reachable: the same records without the drop are healthy.
  static let dualStackHealthy = LabScenario(
    name: "dual-stack-healthy", dns: [.a(login, [LabAddress.loginServer, ula])],
    registries: [RegistryServer(address: LabAddress.loginServer), RegistryServer(address: ula)],
    expect: Expectation(
      "no-network-problem", cause: ["none"], exitCode: 0,
      evidence: [.probe("tcp.login-server.\(ula)", status: "pass")], noErrorFindings: true))

  /// The shell's tinyproxy works; the pasted error went through a dead proxy (the daemon's or a node's).
  static let pastedDeadProxy = LabScenario(
    name: "pasted-dead-proxy", dns: [.a(login, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer)], proxy: ProxyServer(kind: .tinyproxy),
    environment: ["HTTPS_PROXY": proxyURL],
    arguments: [
      "--error",
      "Error response from daemon: Get \"https://\(login)/v2/\": proxyconnect tcp: dial tcp "
        + "\(LabAddress.deadProxy):3128: connect: connection refused",
    ],
    expect: Expectation(
      "pasted-proxy-fails",
      evidence: [
        .probe("puller.pasted-error.login-server", status: "fail"),
        .findingMentions("pasted-proxy-fails", "\(LabAddress.deadProxy):3128"),
        .findingMentions("pasted-proxy-fails", "the shell's proxy"),
      ]))

  /// The pasted error's resolver is silent; this machine's nameserver resolves the registry.
  static let pastedSilentResolver = LabScenario(
    name: "pasted-silent-resolver", dns: [.a(login, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer)],
    drops: [Drop(address: otherResolver, port: 53, proto: "udp")],
    arguments: [
      "--error",
      "Error response from daemon: Get \"https://\(login)/v2/\": dial tcp: lookup \(login) on \(otherResolver):53: "
        + "read udp 10.0.0.9:40000->\(otherResolver):53: i/o timeout",
    ],
    expect: Expectation(
      "pasted-resolver-fails",
      evidence: [
        .probe("dns.resolvers.login-server", status: "warn"),
        .findingMentions("pasted-resolver-fails", "\(otherResolver):53"),
        .findingMentions("pasted-resolver-fails", LabAddress.loginServer),
      ]))
}

final class DifferentialScenarioTests: XCTestCase {
  func testIPv6Blackholed() throws { try runScenario(.ipv6Blackholed) }
  func testDualStackHealthy() throws { try runScenario(.dualStackHealthy) }
  func testPastedDeadProxy() throws { try runScenario(.pastedDeadProxy) }
  func testPastedSilentResolver() throws { try runScenario(.pastedSilentResolver) }
}
