// A corporate network as it usually is: only the proxy has egress, and the firewall drops every direct SYN to the
// registry (silence, not a refusal). The proxy's answer decides each of these within milliseconds; the dropped
// direct path would make a diagnosis wait out its whole --timeout. They check that the early stop reports at once
// with the conclusion that waiting for every probe gives.

private let login = "contoso.azurecr.io"
private let proxyURL = "http://\(LabAddress.proxy):3128"
private let clientFirewall = ["client-firewall-or-proxy"]
private let directDropped = [Drop(address: LabAddress.loginServer, port: 443)]
private let publicDNS: [DNSRecord] = [.a(login, [LabAddress.loginServer])]

extension LabScenario {
  static let behindCorporateProxy: [LabScenario] = [
    behindProxyDenies403, behindProxyDenies407, behindProxyClosesConnection, behindProxySchemeMismatch,
    behindProxyInspectionUntrusted, behindAuthenticatingProxyHealthy,
  ]

  static let behindProxyDenies403 = behindProxy(
    "behind-proxy-denies-403", mode: "deny-403",
    Expectation(
      "proxy-connect-denied", cause: clientFirewall, evidence: [.probeMentions("proxy.login-server", "403")]))

  static let behindProxyDenies407 = behindProxy(
    "behind-proxy-denies-407", mode: "deny-407",
    Expectation(
      "proxy-connect-denied", cause: clientFirewall, evidence: [.probeMentions("proxy.login-server", "407")]))

  static let behindProxyClosesConnection = behindProxy(
    "behind-proxy-closes-connection", mode: "eof",
    Expectation(
      "proxy-connection-closed", cause: clientFirewall, evidence: [.probe("proxy.login-server", status: "fail")]))

  /// HTTPS_PROXY=https://… to a proxy that speaks plain HTTP.
  static let behindProxySchemeMismatch = behindProxy(
    "behind-proxy-scheme-mismatch", mode: "tunnel",
    Expectation(
      "proxy-scheme-mismatch", cause: clientFirewall, evidence: [.probe("proxy.login-server", status: "fail")]),
    proxyURL: "https://\(LabAddress.proxy):3128")

  /// The proxy re-signs TLS with an inspection CA this machine does not trust.
  static let behindProxyInspectionUntrusted = behindProxy(
    "behind-proxy-inspection-untrusted", mode: "tunnel",
    Expectation(
      "tls-handshake-failed", or: ["tls-interception"], cause: clientFirewall,
      evidence: [.probe("tls.login-server.via-proxy", status: "fail")]),
    issuer: .inspection)

  /// A proxy that wants credentials and gets the right ones: healthy, decided by the registry's 401 through it.
  static let behindAuthenticatingProxyHealthy = LabScenario(
    name: "behind-authenticating-proxy-healthy", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.proxyEgress)],
    proxy: ProxyServer(
      kind: .lab(mode: "tunnel", map: [login: LabAddress.proxyEgress]), user: "puller", password: "s3cret-Pa55"),
    drops: directDropped,
    environment: ["HTTPS_PROXY": "http://puller:s3cret-Pa55@\(LabAddress.proxy):3128"],
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
      evidence: [.probe("proxy.login-server", status: "pass")], noErrorFindings: true, absentText: ["s3cret-Pa55"]))

  private static func behindProxy(
    _ name: String, mode: String, _ expect: Expectation, proxyURL: String = proxyURL,
    issuer: CertificateAuthority = .lab
  ) -> LabScenario {
    LabScenario(
      name: name, dns: publicDNS, registries: [RegistryServer(address: LabAddress.proxyEgress, issuer: issuer)],
      proxy: ProxyServer(kind: .lab(mode: mode, map: [login: LabAddress.proxyEgress])), drops: directDropped,
      environment: ["HTTPS_PROXY": proxyURL], expect: expect)
  }
}
