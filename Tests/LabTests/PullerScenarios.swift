// Scenarios where the puller matters: a real Docker Engine in the namespace makes the pull, and regdoctor's exit
// code must predict its outcome. The registry serves a real image and, as ACR does, redirects blob GETs to its
// data endpoint (another regdoctor-lab at another address).

private let login = "contoso.azurecr.io"
private let dataEndpoint = "contoso.japaneast.data.azurecr.io"
/// Where ACR's login server names its home region: the end of its CNAME chain (what `az aks check-acr` reads).
private let regionalFrontEnd = "jpe-acr-reg.japaneast.cloudapp.azure.com"
private let shellProxy = "http://\(LabAddress.proxy):3128"
/// Where a daemon's own proxy listens when it is another than the shell's (same address, another port).
private let daemonProxyPort = 3129
private let daemonProxyURL = "http://\(LabAddress.proxy):\(daemonProxyPort)"
private let daemonProxyPassword = "s3cret-D43mon"
private let authenticatingDaemonProxy = ProxyServer(
  kind: .tinyproxy, port: daemonProxyPort, user: "alice", password: daemonProxyPassword)
private func daemonProxyWith(password: String) -> String {
  "http://alice:\(password)@\(LabAddress.proxy):\(daemonProxyPort)"
}
private let clientFirewall = ["client-firewall-or-proxy"]

/// PullerLab.registryDNS with the login server's CNAME to its regional front end, as public ACR answers.
private let regionalDNS: [DNSRecord] = [
  .cname(login, regionalFrontEnd), .a(regionalFrontEnd, [LabAddress.loginServer]),
  .a(dataEndpoint, [LabAddress.dataEndpoint]),
]

/// The shell's proxy works and the daemon's own does not: the finding names the daemon's proxy.
private func daemonProxyFails(naming proxy: String) -> Expectation {
  Expectation(
    "docker-daemon-proxy-fails", cause: clientFirewall,
    evidence: [.probe("proxy.login-server", status: "pass"), .findingMentions("docker-daemon-proxy-fails", proxy)])
}

private func healthy(_ evidence: [EvidenceCheck]) -> Expectation {
  Expectation(
    "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
    evidence: evidence, noErrorFindings: true)
}

extension LabScenario {
  /// Everything answers; the daemon trusts the registry's CA (certs.d), the pull gets through.
  static let pullHealthy = LabScenario(
    name: "pull-healthy", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: true), arguments: ["--region", "japaneast"],
    expect: healthy([.probe("tls.data-endpoint.japaneast", status: "pass")]))

  /// The login server answers, the firewall rejects the data endpoint: the manifest comes, the layers do not.
  static let pullDataEndpointBlockedWithRegion = LabScenario(
    name: "pull-data-endpoint-blocked-with-region", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.dataEndpoint),
    drops: [Drop(address: LabAddress.dataEndpoint, port: 443, rejects: true)],
    arguments: ["--region", "japaneast"],
    expect: Expectation(
      "data-endpoint-unreachable", cause: clientFirewall,
      evidence: [.probe("tcp.data-endpoint.japaneast.\(LabAddress.dataEndpoint)", status: "fail")]))

  /// The shell's proxy works; the daemon's drop-in names a proxy that is gone: `proxyconnect … refused`.
  static let pullDaemonProxyDead = LabScenario(
    name: "pull-daemon-proxy-dead", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(
      environment: ["HTTPS_PROXY": "http://\(LabAddress.deadProxy):3128"], pullSucceeds: false,
      failureMentions: "\(LabAddress.deadProxy):3128"),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: daemonProxyFails(naming: "\(LabAddress.deadProxy):3128"))

  /// The shell's proxy works; the daemon's drop-in names another, a tinyproxy whose ACL denies this host (403 to
  /// CONNECT).
  static let pullDaemonProxyDenies = LabScenario(
    name: "pull-daemon-proxy-denies", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    daemonProxy: ProxyServer(kind: .tinyproxy, port: daemonProxyPort, rules: ["Deny 0.0.0.0/0"]),
    puller: RealPuller(environment: ["HTTPS_PROXY": daemonProxyURL], pullSucceeds: false, failureMentions: "denied"),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: daemonProxyFails(naming: "\(LabAddress.proxy):\(daemonProxyPort)"))

  /// The shell's proxy works; the daemon's names a tinyproxy that wants credentials (BasicAuth: 407 to a CONNECT
  /// without them) and the drop-in has none.
  static let pullDaemonProxyWantsCredentials = LabScenario(
    name: "pull-daemon-proxy-wants-credentials", dns: PullerLab.registryDNS,
    registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    daemonProxy: ProxyServer(kind: .tinyproxy, port: daemonProxyPort, user: "alice", password: daemonProxyPassword),
    puller: RealPuller(
      environment: ["HTTPS_PROXY": daemonProxyURL], pullSucceeds: false,
      failureMentions: "Proxy Authentication Required"),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: daemonProxyFails(naming: "\(LabAddress.proxy):\(daemonProxyPort)"))

  /// The shell goes direct; the daemon's drop-in names a tinyproxy that wants credentials, and gives them
  /// (`http://alice:PASSWORD@…`). /info masks the password: as root regdoctor takes the URL from the running
  /// dockerd's /proc/PID/environ and tries it; the pull works, and the password shows nowhere.
  static let pullDaemonProxyWithCredentials = LabScenario(
    name: "pull-daemon-proxy-with-credentials", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    daemonProxy: authenticatingDaemonProxy,
    puller: RealPuller(
      environment: ["HTTPS_PROXY": daemonProxyWith(password: daemonProxyPassword)], pullSucceeds: true),
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
      evidence: [.probeMentions("puller.docker.login-server", "environ")], noErrorFindings: true,
      absentText: [daemonProxyPassword]))

  /// The same, with a password the proxy refuses (tinyproxy answers wrong credentials with 401, missing ones with
  /// 407): the pull fails with `Unauthorized`, and neither password shows.
  static let pullDaemonProxyWrongCredentials = LabScenario(
    name: "pull-daemon-proxy-wrong-credentials", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    daemonProxy: authenticatingDaemonProxy,
    puller: RealPuller(
      environment: ["HTTPS_PROXY": daemonProxyWith(password: "wr0ng-Pr0xy")], pullSucceeds: false,
      failureMentions: "Unauthorized"),
    expect: Expectation(
      "docker-daemon-proxy-fails", cause: clientFirewall,
      evidence: [.findingMentions("docker-daemon-proxy-fails", "\(LabAddress.proxy):\(daemonProxyPort)")],
      absentText: ["wr0ng-Pr0xy", daemonProxyPassword]))

  /// The shell's proxy works, direct is rejected, and the daemon has no proxy at all.
  static let pullDaemonWithoutProxy = LabScenario(
    name: "pull-daemon-without-proxy", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.loginServer),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "docker-daemon-proxy-missing", cause: clientFirewall,
      evidence: [.probe("proxy.login-server", status: "pass")]))

  /// The daemon has the working proxy, but its own NO_PROXY sends the registry direct, where it is rejected.
  static let pullDaemonNoProxySendsDirect = LabScenario(
    name: "pull-daemon-no-proxy-sends-direct", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(
      environment: ["HTTPS_PROXY": shellProxy, "NO_PROXY": ".azurecr.io"], pullSucceeds: false,
      failureMentions: LabAddress.loginServer),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "docker-daemon-proxy-fails", cause: clientFirewall,
      evidence: [.findingMentions("docker-daemon-proxy-fails", "'.azurecr.io'")]))

  /// No `--region`: the home region comes from the login server's CNAME chain, and its data endpoint, which
  /// resolves, is probed and found rejected.
  static let pullDataEndpointBlockedRegionLearnt = LabScenario(
    name: "pull-data-endpoint-blocked-region-learnt", dns: regionalDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.dataEndpoint),
    drops: [Drop(address: LabAddress.dataEndpoint, port: 443, rejects: true)],
    expect: Expectation(
      "data-endpoint-unreachable", cause: clientFirewall,
      evidence: [
        .probeMentions("dns.login-server", regionalFrontEnd),
        .probe("tcp.data-endpoint.japaneast.\(LabAddress.dataEndpoint)", status: "fail"),
      ]))

  /// The same region learnt, everything open: the learnt data endpoint passes and nothing is an error.
  static let pullHealthyRegionLearnt = LabScenario(
    name: "pull-healthy-region-learnt", dns: regionalDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: true),
    expect: healthy([.probe("tls.data-endpoint.japaneast", status: "pass")]))

  /// A region learnt but no dedicated data endpoint (its name does not resolve): layers come from the login
  /// server's own storage, the pull works, and the missing name is no problem.
  static let pullHealthyNoDataEndpoint = LabScenario(
    name: "pull-healthy-no-data-endpoint",
    dns: [.cname(login, regionalFrontEnd), .a(regionalFrontEnd, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer, image: "hello:1")],
    puller: RealPuller(pullSucceeds: true), expect: healthy([]))

  /// A TLS-inspecting middlebox whose CA the shell trusts (SSL_CERT_FILE) and the daemon does not (certs.d and
  /// the system bundle lack it): curl works, the pull fails with `x509: certificate signed by unknown authority`.
  static let pullInspectionCAShellOnly = LabScenario(
    name: "pull-inspection-ca-shell-only", dns: PullerLab.registryDNS,
    registries: PullerLab.imageRegistries.map {
      var registry = $0
      registry.issuer = .inspection
      return registry
    },
    puller: RealPuller(pullSucceeds: false, failureMentions: "x509"), trust: [.inspection],
    expect: Expectation(
      "puller-untrusted-certificate", cause: clientFirewall,
      evidence: [.findingMentions("puller-untrusted-certificate", CertificateAuthority.inspection.rawValue)]))

  /// The drop-in now names the working proxy, but dockerd was started before it: /info still shows none.
  static let pullDaemonRestartNeeded = LabScenario(
    name: "pull-daemon-restart-needed", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(
      pullSucceeds: false, failureMentions: LabAddress.loginServer, dropIn: ["HTTPS_PROXY": shellProxy]),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "puller-restart-needed", cause: clientFirewall,
      evidence: [.findingMentions("puller-restart-needed", "docker.service.d/http-proxy.conf")]))

  static let pullers: [LabScenario] = [
    pullHealthy, pullDataEndpointBlockedWithRegion, pullDaemonProxyDead, pullDaemonWithoutProxy,
    pullDaemonNoProxySendsDirect,
    pullDataEndpointBlockedRegionLearnt, pullHealthyRegionLearnt, pullHealthyNoDataEndpoint,
    pullInspectionCAShellOnly, pullDaemonRestartNeeded, pullDaemonProxyDenies, pullDaemonProxyWantsCredentials,
    pullDaemonProxyWithCredentials, pullDaemonProxyWrongCredentials,
  ]
}
