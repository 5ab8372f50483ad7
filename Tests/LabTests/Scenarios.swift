// The fault scenarios as data. Each builds a namespace where exactly one thing is wrong, and says what
// `regdoctor diagnose contoso.azurecr.io` must conclude and which evidence must back it.

private let login = "contoso.azurecr.io"
private let privatelink = "contoso.privatelink.azurecr.io"
private let dataEndpoint = "contoso.japaneast.data.azurecr.io"
private let proxyURL = "http://\(LabAddress.proxy):3128"
/// A token service that is not the registry itself (Docker Hub's auth.docker.io, a self-hosted registry's IdP).
private let tokenService = "auth.contoso.example"

private let publicDNS: [DNSRecord] = [.a(login, [LabAddress.loginServer])]
private let privateDNS: [DNSRecord] = [
  .cname(login, privatelink), .a(privatelink, [LabAddress.privateEndpoint]),
]
private let publicRegistry = [RegistryServer(address: LabAddress.loginServer)]
private let clientFirewall = ["client-firewall-or-proxy"]
private let privateEndpointConfig = ["vnet-private-endpoint-config"]

/// A healthy ACR answers GET /v2/ with a 401 Bearer challenge: the network is fine.
private func healthy(_ evidence: [EvidenceCheck]) -> Expectation {
  Expectation(
    "no-network-problem", or: ["network-ok-check-authentication"],
    cause: ["registry-auth", "none"], exitCode: 0,
    evidence: evidence, noErrorFindings: true)
}

extension LabScenario {
  static let healthyPublic = LabScenario(
    name: "healthy-public", dns: publicDNS, registries: publicRegistry,
    expect: healthy([
      .probe("dns.login-server", status: "pass"),
      .probeMentions("dns.login-server", LabAddress.loginServer),
      .probe("tls.login-server", status: "pass"), .probeMentions("http.login-server", "401"),
      // The absent repository's manifest: 401 from a healthy registry, not a failure.
      .probe("http.login-server.repository", status: "pass"),
    ]))

  static let healthyPrivateEndpoint = LabScenario(
    name: "healthy-private-endpoint", dns: privateDNS,
    registries: [RegistryServer(address: LabAddress.privateEndpoint)],
    expect: healthy([
      .probeMentions("dns.login-server", "privatelink"),
      .probeMentions("dns.login-server", LabAddress.privateEndpoint),
      .probe("tcp.login-server.\(LabAddress.privateEndpoint)", status: "pass"),
    ]))

  static let healthyThroughTinyproxy = LabScenario(
    name: "healthy-through-tinyproxy", dns: publicDNS, registries: publicRegistry,
    proxy: ProxyServer(kind: .tinyproxy), environment: ["HTTPS_PROXY": proxyURL],
    expect: healthy([
      .probe("proxy.login-server", status: "pass"), .probe("tls.login-server", status: "pass"),
    ]))

  static let loginServerNXDOMAIN = LabScenario(
    name: "login-server-nxdomain",
    expect: Expectation(
      "login-server-dns-failure", cause: clientFirewall,
      evidence: [.probe("dns.login-server", status: "fail")]))

  static let nameserverNotListening = LabScenario(
    name: "nameserver-not-listening", dns: publicDNS, nameserver: .nothingListening,
    registries: publicRegistry,
    expect: Expectation(
      "dns-server-unreachable", cause: clientFirewall,
      evidence: [
        .probe("dns.nameservers", status: "fail"),
        .probeMentions("dns.nameservers", LabAddress.nameserver),
      ]))

  static let nameserverDropped = LabScenario(
    name: "nameserver-dropped", dns: publicDNS, nameserver: .dropped, registries: publicRegistry,
    expect: Expectation(
      "dns-server-unreachable", cause: clientFirewall,
      evidence: [
        .probe("dns.nameservers", status: "fail"),
        .probeMentions("dns.nameservers", LabAddress.nameserver),
      ]))

  static let synDropped = LabScenario(
    name: "syn-dropped", dns: publicDNS, registries: publicRegistry,
    drops: [Drop(address: LabAddress.loginServer, port: 443)],
    expect: Expectation(
      "tcp-connect-timeout", cause: clientFirewall,
      evidence: [.probe("tcp.login-server.\(LabAddress.loginServer)", status: "fail")]))

  static let connectionRefused = LabScenario(
    name: "connection-refused", dns: publicDNS,
    expect: Expectation(
      "tcp-connect-refused", cause: clientFirewall,
      evidence: [.probe("tcp.login-server.\(LabAddress.loginServer)", status: "fail")]))

  static let proxyDenies403 = proxyScenario(
    "proxy-denies-403", mode: "deny-403",
    Expectation(
      "proxy-connect-denied", cause: clientFirewall,
      evidence: [.probeMentions("proxy.login-server", "403")]))

  static let proxyDenies407 = proxyScenario(
    "proxy-denies-407", mode: "deny-407",
    Expectation(
      "proxy-connect-denied", cause: clientFirewall,
      evidence: [.probeMentions("proxy.login-server", "407")]))

  static let proxyClosesConnection = proxyScenario(
    "proxy-closes-connection", mode: "eof",
    Expectation(
      "proxy-connection-closed", cause: clientFirewall,
      evidence: [.probe("proxy.login-server", status: "fail")]))

  static let proxyNotListening = LabScenario(
    name: "proxy-not-listening", dns: publicDNS, registries: publicRegistry,
    environment: ["HTTPS_PROXY": proxyURL],
    expect: Expectation(
      "proxy-unreachable", cause: clientFirewall,
      evidence: [.probe("proxy.login-server", status: "fail")]))

  /// HTTPS_PROXY=https://… while the proxy speaks plain HTTP.
  static let proxySchemeMismatch = LabScenario(
    name: "proxy-scheme-mismatch", dns: publicDNS, registries: publicRegistry,
    proxy: ProxyServer(kind: .lab(mode: "tunnel", map: [:])),
    environment: ["HTTPS_PROXY": "https://\(LabAddress.proxy):3128"],
    expect: Expectation(
      "proxy-scheme-mismatch", cause: clientFirewall,
      evidence: [.probe("proxy.login-server", status: "fail")]))

  /// Only the proxy has egress; NO_PROXY sends the registry direct, where the firewall drops it.
  static let noProxyBypassesProxy = LabScenario(
    name: "no-proxy-bypasses-proxy", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.proxyEgress)],
    proxy: egressProxy, drops: [Drop(address: LabAddress.loginServer, port: 443)],
    environment: ["HTTPS_PROXY": proxyURL, "NO_PROXY": ".azurecr.io"],
    expect: Expectation(
      "no-proxy-bypasses-proxy", cause: clientFirewall,
      evidence: [
        .probe("tcp.login-server.\(LabAddress.loginServer)", status: "fail"),
        .probe("proxy.login-server", status: "pass"),
      ]))

  /// The shell's proxy works, direct is dropped, and the Docker daemon has no proxy configured.
  static let dockerDaemonWithoutProxy = LabScenario(
    name: "docker-daemon-without-proxy", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.proxyEgress)], proxy: egressProxy,
    dockerDaemon: DockerDaemon(), drops: [Drop(address: LabAddress.loginServer, port: 443)],
    environment: ["HTTPS_PROXY": proxyURL],
    expect: Expectation(
      "docker-daemon-proxy-missing", cause: clientFirewall,
      evidence: [
        .probe("proxy.login-server", status: "pass"),
        .findingMentions("docker-daemon-proxy-missing", "docker.daemon"),
      ]))

  /// The same, but the daemon is configured with another proxy than the one that works.
  static let dockerDaemonWithOtherProxy = LabScenario(
    name: "docker-daemon-with-other-proxy", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.proxyEgress)], proxy: egressProxy,
    dockerDaemon: DockerDaemon(httpsProxy: "http://proxy-old.contoso.example:8080"),
    drops: [Drop(address: LabAddress.loginServer, port: 443)],
    environment: ["HTTPS_PROXY": proxyURL],
    expect: Expectation(
      // The daemon's proxy, tried as the daemon uses it, does not even resolve: every pull would fail, so this is
      // an error and exit 1 (issue 9; it used to be only the mismatch warning and exit 0). The mismatch stays.
      "docker-daemon-proxy-fails", cause: clientFirewall,
      evidence: [
        .findingMentions("docker-daemon-proxy-fails", "proxy-old.contoso.example:8080"),
        .findingMentions("docker-daemon-proxy-mismatch", "proxy-old.contoso.example:8080"),
      ]
    ))

  /// The registry's firewall rejects the client's (NATed) public address.
  static let registryFirewallDeniesClient = LabScenario(
    name: "registry-firewall-denies-client", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "deny-client-ip")],
    natClientAddress: [
      NAT(destination: LabAddress.loginServer, port: 443, source: LabAddress.natPublicClient)
    ],
    expect: Expectation(
      "registry-firewall-denies-client-ip", cause: ["registry-public-access-rules"],
      evidence: [.findingMentions("registry-firewall-denies-client-ip", LabAddress.natPublicClient)]
    ))

  /// The privatelink CNAME exists but its name resolves public (zone not linked): the public endpoint refuses a
  /// client that should have come through the private endpoint.
  static let privateEndpointDNSPublicIP = LabScenario(
    name: "private-endpoint-dns-public-ip",
    dns: [.cname(login, privatelink), .a(privatelink, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "deny-client-ip")],
    expect: Expectation(
      "private-endpoint-dns-public-ip", cause: privateEndpointConfig,
      evidence: [
        .probeMentions("dns.login-server", "privatelink"),
        .probeMentions("dns.login-server", LabAddress.loginServer),
        .probe("http.login-server", status: "fail"),
      ]))

  static let privateEndpointMissingRecord = LabScenario(
    name: "private-endpoint-missing-record", dns: [.cname(login, privatelink)],
    expect: Expectation(
      "private-endpoint-dns-missing-record", cause: privateEndpointConfig,
      evidence: [
        .probe("dns.login-server", status: "fail"),
        .probeMentions("dns.login-server", "privatelink"),
      ]))

  static let privateEndpointUnreachable = LabScenario(
    name: "private-endpoint-unreachable", dns: privateDNS,
    registries: [RegistryServer(address: LabAddress.privateEndpoint)],
    drops: [Drop(address: LabAddress.privateEndpoint, port: 443)],
    expect: Expectation(
      "private-endpoint-unreachable", cause: privateEndpointConfig,
      evidence: [.probe("tcp.login-server.\(LabAddress.privateEndpoint)", status: "fail")]))

  /// The login server works; the regional data endpoint is dropped (its firewall rule is missing).
  static let dataEndpointBlocked = LabScenario(
    name: "data-endpoint-blocked", dns: publicDNS + [.a(dataEndpoint, [LabAddress.dataEndpoint])],
    registries: publicRegistry + [RegistryServer(address: LabAddress.dataEndpoint)],
    drops: [Drop(address: LabAddress.dataEndpoint, port: 443)],
    arguments: ["--region", "japaneast"],
    expect: Expectation(
      "data-endpoint-unreachable", cause: clientFirewall,
      evidence: [
        .probe("dns.data-endpoint.japaneast", status: "pass"),
        .probe("tls.login-server", status: "pass"),
        .probe("tcp.data-endpoint.japaneast.\(LabAddress.dataEndpoint)", status: "fail"),
      ]))

  /// The login server is private; the private zone lacks the data endpoint's record.
  static let dataEndpointRecordMissing = LabScenario(
    name: "data-endpoint-record-missing", dns: privateDNS,
    registries: [RegistryServer(address: LabAddress.privateEndpoint)],
    arguments: ["--region", "japaneast"],
    expect: Expectation(
      "data-endpoint-dns-failure", cause: privateEndpointConfig,
      evidence: [
        .probe("dns.data-endpoint.japaneast", status: "fail"),
        .probe("tls.login-server", status: "pass"),
      ]))

  /// TCP and TLS succeed, then the registry never answers.
  static let registryHangs = LabScenario(
    name: "registry-hangs", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "hang")],
    expect: Expectation(
      "registry-not-responding", cause: clientFirewall,
      evidence: [
        .probe("tls.login-server", status: "pass"), .probe("http.login-server", status: "fail"),
      ]))

  /// A TLS-inspecting middlebox whose CA the client trusts: works, but the chain is not the registry's.
  static let tlsInterceptionTrusted = LabScenario(
    name: "tls-interception-trusted", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, issuer: .inspection)],
    trust: [.inspection],
    expect: Expectation(
      "tls-interception", cause: clientFirewall, exitCode: 0,
      evidence: [.probeMentions("tls.login-server", CertificateAuthority.inspection.rawValue)]))

  /// The same middlebox when its CA is not trusted: the handshake fails.
  static let tlsInterceptionUntrusted = LabScenario(
    name: "tls-interception-untrusted", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, issuer: .inspection)],
    expect: Expectation(
      "tls-handshake-failed", or: ["tls-interception"], cause: clientFirewall,
      evidence: [.probe("tls.login-server", status: "fail")]))

  /// /etc/hosts pins the registry to a stale address the firewall drops; DNS has the right one.
  static let hostsFileOverride = LabScenario(
    name: "hosts-file-override", dns: publicDNS,
    hosts: [HostsEntry(address: LabAddress.stale, names: [login])],
    registries: publicRegistry, drops: [Drop(address: LabAddress.stale, port: 443)],
    expect: Expectation(
      "hosts-file-override", cause: clientFirewall,
      evidence: [
        .probe("hosts.file", status: "warn"), .probeMentions("hosts.file", LabAddress.stale),
        .probe("tcp.login-server.\(LabAddress.stale)", status: "fail"),
      ]))

  /// The network is fine and the user reports a symptom: look at authentication next.
  static let healthyWithSymptom = LabScenario(
    name: "healthy-with-symptom", dns: publicDNS, registries: publicRegistry,
    arguments: ["--symptom", "S1"],
    expect: Expectation(
      "network-ok-check-authentication", cause: ["registry-auth"], exitCode: 0,
      evidence: [.probe("http.login-server", status: "pass")], noErrorFindings: true))

  /// HTTPS_PROXY=https://… to a proxy that does speak TLS.
  static let healthyThroughHTTPSProxy = LabScenario(
    name: "healthy-through-https-proxy", dns: publicDNS, registries: publicRegistry,
    proxy: ProxyServer(kind: .lab(mode: "tunnel", map: [:]), tls: true),
    environment: ["HTTPS_PROXY": "https://\(LabAddress.proxy):3128"],
    expect: healthy([.probe("proxy.login-server", status: "pass")]))

  /// An authenticating proxy: it works, and its password appears nowhere in the report.
  static let proxyCredentialsStaySecret = LabScenario(
    name: "proxy-credentials-stay-secret", dns: publicDNS, registries: publicRegistry,
    proxy: ProxyServer(
      kind: .lab(mode: "tunnel", map: [:]), user: "puller", password: "s3cret-Pa55"),
    environment: ["HTTPS_PROXY": "http://puller:s3cret-Pa55@\(LabAddress.proxy):3128"],
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"],
      cause: ["registry-auth", "none"],
      exitCode: 0,
      evidence: [
        .probe("proxy.login-server", status: "pass"),
        .probeMentions("proxy.login-server", "puller:***@"),
      ], noErrorFindings: true,
      absentText: ["s3cret-Pa55"]))

  /// The proxy rejects the client's credentials (407); the wrong password is not printed either.
  static let proxyRejectsCredentials = LabScenario(
    name: "proxy-rejects-credentials", dns: publicDNS, registries: publicRegistry,
    proxy: ProxyServer(
      kind: .lab(mode: "tunnel", map: [:]), user: "puller", password: "s3cret-Pa55"),
    environment: ["HTTPS_PROXY": "http://puller:wr0ng-Pa55@\(LabAddress.proxy):3128"],
    expect: Expectation(
      "proxy-connect-denied", cause: clientFirewall,
      evidence: [
        .probeMentions("proxy.login-server", "407"),
        .probeMentions("proxy.login-server", "puller:***@"),
      ],
      absentText: ["wr0ng-Pa55", "s3cret-Pa55"]))

  /// After TLS the registry answers something that is not HTTP.
  static let registryAnswersGarbage = LabScenario(
    name: "registry-answers-garbage", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "garbage")],
    expect: Expectation(
      "registry-not-responding", cause: clientFirewall,
      evidence: [
        .probe("tls.login-server", status: "pass"), .probe("http.login-server", status: "fail"),
      ]))

  /// After TLS the registry closes the connection without an answer.
  static let registryClosesConnection = LabScenario(
    name: "registry-closes-connection", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "close")],
    expect: Expectation(
      "registry-not-responding", cause: clientFirewall,
      evidence: [
        .probe("tls.login-server", status: "pass"), .probe("http.login-server", status: "fail"),
      ]))

  /// The login server is private but the data endpoint still resolves to its public address.
  static let dataEndpointNotPrivate = LabScenario(
    name: "data-endpoint-not-private",
    dns: privateDNS + [.a(dataEndpoint, [LabAddress.dataEndpoint])],
    registries: [
      RegistryServer(address: LabAddress.privateEndpoint),
      RegistryServer(address: LabAddress.dataEndpoint),
    ],
    arguments: ["--region", "japaneast"],
    expect: Expectation(
      "data-endpoint-dns-not-private", cause: privateEndpointConfig,
      evidence: [.probeMentions("dns.data-endpoint.japaneast", LabAddress.dataEndpoint)]))

  /// The login server answers 401, but the token service its challenge names does not resolve.
  static let tokenServiceNXDOMAIN = LabScenario(
    name: "token-service-nxdomain", dns: publicDNS,
    registries: [RegistryServer(address: LabAddress.loginServer, realmHost: tokenService)],
    expect: Expectation(
      "token-service-dns-failure", cause: clientFirewall,
      evidence: [
        .probe("dns.login-server", status: "pass"), .probeMentions("http.login-server", "401"),
        .probe("dns.token-realm", status: "fail"), .probeMentions("dns.token-realm", tokenService),
      ]))

  /// The token service resolves, but nothing is reachable at its address (the firewall allows only the login server).
  static let tokenServiceUnreachable = LabScenario(
    name: "token-service-unreachable", dns: publicDNS + [.a(tokenService, [LabAddress.dataEndpoint])],
    registries: [RegistryServer(address: LabAddress.loginServer, realmHost: tokenService)],
    expect: Expectation(
      "token-service-unreachable", cause: clientFirewall,
      evidence: [
        .probe("tls.login-server", status: "pass"), .probe("dns.token-realm", status: "pass"),
        .probe("tcp.token-realm.\(LabAddress.dataEndpoint)", status: "fail"),
      ]))

  static let all: [LabScenario] =
    [
      healthyPublic, healthyPrivateEndpoint, healthyThroughTinyproxy, loginServerNXDOMAIN,
      nameserverNotListening,
      nameserverDropped, synDropped, connectionRefused, proxyDenies403, proxyDenies407,
      proxyClosesConnection,
      proxyNotListening, proxySchemeMismatch, noProxyBypassesProxy, dockerDaemonWithoutProxy,
      dockerDaemonWithOtherProxy,
      registryFirewallDeniesClient, privateEndpointDNSPublicIP, privateEndpointMissingRecord,
      privateEndpointUnreachable, dataEndpointBlocked, dataEndpointRecordMissing, registryHangs,
      tlsInterceptionTrusted, tlsInterceptionUntrusted, hostsFileOverride,
      healthyWithSymptom, healthyThroughHTTPSProxy, proxyCredentialsStaySecret,
      proxyRejectsCredentials,
      registryAnswersGarbage, registryClosesConnection, dataEndpointNotPrivate, tokenServiceNXDOMAIN,
      tokenServiceUnreachable,
    ] + behindCorporateProxy

  /// The proxy with egress the client lacks: it reaches the registry at `LabAddress.proxyEgress`.
  private static let egressProxy = ProxyServer(
    kind: .lab(mode: "tunnel", map: [login: LabAddress.proxyEgress]))

  private static func proxyScenario(_ name: String, mode: String, _ expect: Expectation)
    -> LabScenario
  {
    LabScenario(
      name: name, dns: publicDNS, registries: publicRegistry,
      proxy: ProxyServer(kind: .lab(mode: mode, map: [:])),
      environment: ["HTTPS_PROXY": proxyURL], expect: expect)
  }
}
