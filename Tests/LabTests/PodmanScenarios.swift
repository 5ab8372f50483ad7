// Scenarios of a podman host (RHEL-family, or a developer's machine): no daemon, the pull is made in the user's
// own process with the shell's environment plus containers.conf `[engine] env`, registries.conf's mirrors and
// /etc/containers/certs.d. The ground truth is a real `podman pull` (LabPodman) with exactly regdoctor's
// environment; regdoctor's exit code must predict it.

private let login = "contoso.azurecr.io"
private let dataEndpoint = "contoso.japaneast.data.azurecr.io"
private let shellProxy = "http://\(LabAddress.proxy):3128"
private let deadProxy = "http://\(LabAddress.deadProxy):3128"
private let clientFirewall = ["client-firewall-or-proxy"]
private let registryDNS: [DNSRecord] = [
  .a(login, [LabAddress.loginServer]), .a(dataEndpoint, [LabAddress.dataEndpoint]),
]
private let imageRegistries = [
  RegistryServer(address: LabAddress.loginServer, image: "hello:1", blobRedirect: dataEndpoint),
  RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
]
/// Only the shell's proxy has egress to the login server; direct is rejected.
private let behindProxyRegistries = [
  RegistryServer(address: LabAddress.proxyEgress, image: "hello:1", blobRedirect: dataEndpoint),
  RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
]
private let egressProxy = ProxyServer(kind: .lab(mode: "tunnel", map: [login: LabAddress.proxyEgress]))
private let directRejected = [Drop(address: LabAddress.loginServer, port: 443, rejects: true)]
private let deadMirror = "mirror.contoso.internal"
private let healthy = Expectation(
  "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
  evidence: [.probe("puller.podman.login-server", status: "pass")], noErrorFindings: true)

extension LabScenario {
  /// The registry's private CA in /etc/containers/certs.d/<host>/ca.crt: the pull gets through.
  static let podmanPrivateCAHealthy = LabScenario(
    name: "podman-private-ca-healthy", dns: registryDNS, registries: imageRegistries,
    puller: RealPuller(pullSucceeds: true, kind: .podman), expect: healthy)

  /// certs.d holds nothing for the registry, but podman is Go in the user's process: it trusts the shell's
  /// SSL_CERT_FILE like the shell does (crypto/x509 reads it), so the pull works and no certificate finding may
  /// claim otherwise (what the Docker daemon, which never sees the shell's SSL_CERT_FILE, would fail).
  static let podmanTrustsTheShellsCertFile = LabScenario(
    name: "podman-trusts-the-shells-cert-file", dns: registryDNS, registries: imageRegistries,
    puller: RealPuller(trusts: [], pullSucceeds: true, kind: .podman), expect: healthy)

  /// The registry's CA is neither in certs.d nor in the shell's SSL_CERT_FILE (which holds another, corporate CA):
  /// `x509: certificate signed by unknown authority`. Since podman's trust includes the shell's, a chain the shell
  /// trusts and podman does not cannot arise: the shell fails the same, the conclusion is the TLS failure.
  static let podmanPrivateCAMissing = LabScenario(
    name: "podman-private-ca-missing", dns: registryDNS, registries: imageRegistries,
    puller: RealPuller(trusts: [], pullSucceeds: false, failureMentions: "x509", kind: .podman),
    trust: [.inspection],
    expect: Expectation(
      "tls-handshake-failed", cause: clientFirewall,
      evidence: [.probe("puller.podman.login-server", status: "fail"), .probe("tls.login-server", status: "fail")]))

  /// containers.conf sets HTTPS_PROXY to a dead proxy; the shell has only the lower-case https_proxy, which works.
  /// containers/common adds the file's HTTPS_PROXY (the shell does not set that exact name) and Go reads it first:
  /// `proxyconnect tcp: dial tcp 10.0.0.4:3128: connect: connection refused`, though curl works.
  static let podmanContainersConfProxyDead = LabScenario(
    name: "podman-containers-conf-proxy-dead", dns: registryDNS, registries: behindProxyRegistries,
    proxy: egressProxy,
    puller: RealPuller(
      pullSucceeds: false, failureMentions: "\(LabAddress.deadProxy):3128", kind: .podman,
      engineEnvironment: ["HTTPS_PROXY=\(deadProxy)"]),
    drops: directRejected, environment: ["https_proxy": shellProxy],
    expect: Expectation(
      "puller-proxy-fails", cause: clientFirewall,
      evidence: [
        .probe("proxy.login-server", status: "pass"), .probe("puller.podman.login-server", status: "fail"),
        .findingMentions("puller-proxy-fails", "\(LabAddress.deadProxy):3128"),
        .findingMentions("puller-proxy-fails", "containers.conf [engine] env"),
      ]))

  /// The same dead proxy in containers.conf, but the shell sets HTTPS_PROXY itself: containers/common skips the
  /// file's entry, podman uses the shell's working proxy, the pull works.
  static let podmanContainersConfProxyShadowed = LabScenario(
    name: "podman-containers-conf-proxy-shadowed", dns: registryDNS, registries: behindProxyRegistries,
    proxy: egressProxy,
    puller: RealPuller(pullSucceeds: true, kind: .podman, engineEnvironment: ["HTTPS_PROXY=\(deadProxy)"]),
    drops: directRejected, environment: ["HTTPS_PROXY": shellProxy], expect: healthy)

  /// registries.conf names a mirror first; the firewall rejects it and podman falls back to the registry, which
  /// answers: the pull works, the dead mirror is a warning.
  static let podmanMirrorDead = LabScenario(
    name: "podman-mirror-dead", dns: registryDNS + [.a(deadMirror, [LabAddress.deadProxy])],
    registries: imageRegistries, puller: RealPuller(pullSucceeds: true, kind: .podman, mirror: deadMirror),
    drops: [Drop(address: LabAddress.deadProxy, port: 443, rejects: true)],
    expect: Expectation(
      "registry-mirror-unreachable", cause: clientFirewall, exitCode: 0,
      evidence: [
        .probe("puller.podman.mirror.\(deadMirror)", status: "fail"),
        .findingMentions("registry-mirror-unreachable", "falls back"),
      ], noErrorFindings: true))

  static let podmanHosts: [LabScenario] = [
    podmanPrivateCAHealthy, podmanTrustsTheShellsCertFile, podmanPrivateCAMissing, podmanContainersConfProxyDead,
    podmanContainersConfProxyShadowed, podmanMirrorDead,
  ]
}
