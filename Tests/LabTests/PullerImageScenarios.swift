// Scenarios of `--image`: regdoctor follows the pull (token, manifest, the config blob's redirect) and probes the
// host the redirect names, here an ACR storage account (`*.blob.core.windows.net`, as without dedicated data
// endpoints); and a gateway in front of the registry answering 502. A real Docker Engine in the namespace makes
// the pull, and regdoctor's exit code must predict it.

private let login = "contoso.azurecr.io"
/// Where an ACR without dedicated data endpoints sends layers: its storage account.
let labStorageHost = "contosojpe042.blob.core.windows.net"
private let image = ["--image", "hello:1"]

private let storageDNS: [DNSRecord] = [
  .a(login, [LabAddress.loginServer]), .a(labStorageHost, [LabAddress.dataEndpoint]),
]
/// The login server redirects blob GETs to the storage account, which serves them.
private let storageRegistries = [
  RegistryServer(address: LabAddress.loginServer, image: "hello:1", blobRedirect: labStorageHost),
  RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
]

/// The storage account served twice: at the address its name resolves to (which the firewall rejects) and behind
/// the proxy, whose tunnel maps the name to `LabAddress.proxyEgress`.
private let storageBehindProxy = storageRegistries + [RegistryServer(address: LabAddress.proxyEgress, image: "hello:1")]
private let storageProxy = ProxyServer(kind: .lab(mode: "tunnel", map: [labStorageHost: LabAddress.proxyEgress]))
private let storageRejected = [Drop(address: LabAddress.dataEndpoint, port: 443, rejects: true)]
/// The proxy, for every host but the login server (which both sides reach direct).
private let proxyButLogin = ["HTTPS_PROXY": "http://\(LabAddress.proxy):3128", "NO_PROXY": login]

extension LabScenario {
  /// Everything open: the pull works, the followed pull names the storage account, which passes.
  static let imagePullHealthy = LabScenario(
    name: "image-pull-healthy", dns: storageDNS, registries: storageRegistries,
    puller: RealPuller(pullSucceeds: true), arguments: image,
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
      evidence: [
        .probe("pull.image", status: "pass"), .probeMentions("pull.image", labStorageHost),
        .probe("tls.blob-host.\(labStorageHost)", status: "pass"),
      ], noErrorFindings: true))

  /// The firewall rejects the storage account and lets the login server through: login and manifest work, the
  /// layers do not. Only the followed pull knows the storage account's name.
  static let imageBlobHostBlocked = LabScenario(
    name: "image-blob-host-blocked", dns: storageDNS, registries: storageRegistries,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.dataEndpoint),
    drops: [Drop(address: LabAddress.dataEndpoint, port: 443, rejects: true)], arguments: image,
    expect: Expectation(
      "blob-host-unreachable", cause: ["client-firewall-or-proxy"],
      evidence: [
        .probe("tcp.blob-host.\(labStorageHost).\(LabAddress.dataEndpoint)", status: "fail"),
        .findingMentions("blob-host-unreachable", labStorageHost),
      ]))

  /// The storage account's name does not resolve here (the resolver answers only for the login server).
  static let imageBlobHostDNSFailure = LabScenario(
    name: "image-blob-host-dns-failure", dns: [.a(login, [LabAddress.loginServer])], registries: storageRegistries,
    puller: RealPuller(pullSucceeds: false, failureMentions: labStorageHost), arguments: image,
    expect: Expectation(
      "blob-host-dns-failure", cause: ["client-firewall-or-proxy"],
      evidence: [
        .probe("dns.blob-host.\(labStorageHost)", status: "fail"),
        .findingMentions("blob-host-dns-failure", labStorageHost),
      ]))

  /// A gateway in front of the registry whose upstream is gone: 502 at once, to /v2/ and to every pull request.
  static let registryBadGateway = LabScenario(
    name: "registry-bad-gateway", dns: [.a(login, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "bad-gateway")],
    puller: RealPuller(pullSucceeds: false, failureMentions: "502"), arguments: image,
    expect: Expectation(
      "registry-server-error", cause: ["registry-service"],
      evidence: [.findingMentions("registry-server-error", "502"), .probe("tls.login-server", status: "pass")]))

  /// The gateway answers /v2/ and the token, and 502 for the repository's paths: only the followed pull sees it.
  static let imagePullBadGateway = LabScenario(
    name: "image-pull-bad-gateway", dns: [.a(login, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "pull-bad-gateway", image: "hello:1")],
    puller: RealPuller(pullSucceeds: false, failureMentions: "502"), arguments: image,
    expect: Expectation(
      "registry-server-error", cause: ["registry-service"],
      evidence: [
        .findingMentions("registry-server-error", "manifest GET /v2/hello/manifests/1 -> 502"),
        .probe("http.login-server", status: "pass"),
      ]))

  /// The same gateway without `--image`: `/v2/` answers, and the manifest of a repository that does not exist, which
  /// regdoctor asks after it, meets the 502 every pull meets. Before that request this exited 0.
  static let pullBadGatewayWithoutImage = LabScenario(
    name: "pull-bad-gateway-without-image", dns: [.a(login, [LabAddress.loginServer])],
    registries: [RegistryServer(address: LabAddress.loginServer, mode: "pull-bad-gateway", image: "hello:1")],
    puller: RealPuller(pullSucceeds: false, failureMentions: "502"),
    expect: Expectation(
      "registry-server-error", cause: ["registry-service"],
      evidence: [
        .findingMentions("registry-server-error", "GET /v2/regdoctor-check-7d1f3a/manifests/latest -> 502"),
        .probe("http.login-server", status: "pass"), .probe("http.login-server.repository", status: "fail"),
      ]))

  /// Only the daemon's proxy reaches the storage account (direct is rejected); the shell has no proxy. The pull is
  /// the daemon's, so it works: the followed pull and the storage account's probes go the daemon's way.
  static let imageBlobHostDaemonProxyOnly = LabScenario(
    name: "image-blob-host-daemon-proxy-only", dns: storageDNS, registries: storageBehindProxy, proxy: storageProxy,
    puller: RealPuller(environment: proxyButLogin, pullSucceeds: true), drops: storageRejected, arguments: image,
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
      evidence: [
        .probe("pull.image", status: "pass"), .probeMentions("pull.image", "the Docker daemon's"),
        .probe("proxy.blob-host.\(labStorageHost)", status: "pass"),
      ], noErrorFindings: true))

  /// The reverse: the shell's proxy reaches the storage account, the daemon has no proxy and goes direct, where the
  /// firewall rejects it. curl would work; the pull fails at its first layer.
  static let imageBlobHostShellProxyOnly = LabScenario(
    name: "image-blob-host-shell-proxy-only", dns: storageDNS, registries: storageBehindProxy, proxy: storageProxy,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.dataEndpoint), drops: storageRejected,
    environment: proxyButLogin, arguments: image,
    expect: Expectation(
      "blob-host-unreachable", cause: ["client-firewall-or-proxy"],
      evidence: [
        .probeMentions("pull.image", "the Docker daemon's"),
        .probe("tcp.blob-host.\(labStorageHost).\(LabAddress.dataEndpoint)", status: "fail"),
        .findingMentions("blob-host-unreachable", labStorageHost),
      ]))

  static let imagePullers: [LabScenario] = [
    imagePullHealthy, imageBlobHostBlocked, imageBlobHostDNSFailure, registryBadGateway, imagePullBadGateway,
    imageBlobHostDaemonProxyOnly, imageBlobHostShellProxyOnly, pullBadGatewayWithoutImage,
  ]
}
