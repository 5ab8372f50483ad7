// Scenarios of a Kubernetes node: containerd alone, with its CRI plugin, makes the pull. The ground truth is a
// real CRI PullImage made by containerd itself (LabDockerEngine.criPull): its own environment (what
// containerd.service gave it), its own hosts.toml trust. regdoctor's exit code must predict it.

private let login = "contoso.azurecr.io"
private let shellProxy = "http://\(LabAddress.proxy):3128"
private let clientFirewall = ["client-firewall-or-proxy"]

/// A mirror hosts.toml names first, whose address the firewall rejects.
private let deadMirror = "mirror.contoso.internal"

extension LabScenario {
  /// hosts.toml names a mirror first; the firewall rejects it and containerd falls back to the registry, which
  /// answers: the pull works, the dead mirror is a warning.
  static let containerdMirrorDead = LabScenario(
    name: "containerd-mirror-dead", dns: PullerLab.registryDNS + [.a(deadMirror, [LabAddress.deadProxy])],
    registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: true, kind: .containerd, mirror: deadMirror),
    drops: [Drop(address: LabAddress.deadProxy, port: 443, rejects: true)],
    expect: Expectation(
      "registry-mirror-unreachable", cause: clientFirewall, exitCode: 0,
      evidence: [
        .probe("puller.containerd.mirror.\(deadMirror)", status: "fail"),
        .findingMentions("registry-mirror-unreachable", "falls back"),
      ], noErrorFindings: true))

  /// The same dead mirror, and the registry rejected too: the fallback fails, the pull fails.
  static let containerdMirrorDeadUpstreamBlocked = LabScenario(
    name: "containerd-mirror-dead-upstream-blocked",
    dns: PullerLab.registryDNS + [.a(deadMirror, [LabAddress.deadProxy])],
    registries: PullerLab.imageRegistries,
    puller: RealPuller(
      // containerd's error names the first host it tried, the mirror.
      pullSucceeds: false, failureMentions: deadMirror, kind: .containerd, mirror: deadMirror),
    drops: [Drop(address: LabAddress.deadProxy, port: 443, rejects: true)] + PullerLab.directRejected,
    expect: Expectation(
      "tcp-connect-refused", cause: clientFirewall,
      evidence: [.findingMentions("registry-mirror-unreachable", "the fallback fails as well")]))

  /// containerd trusts the registry's private CA through hosts.toml `ca`: the CRI pull gets through.
  static let containerdPrivateCAHealthy = LabScenario(
    name: "containerd-private-ca-healthy", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(pullSucceeds: true, kind: .containerd),
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"], exitCode: 0,
      evidence: [.probe("puller.containerd.login-server", status: "pass")], noErrorFindings: true))

  /// The shell trusts the private CA (SSL_CERT_FILE), containerd's hosts.toml names none: x509.
  static let containerdPrivateCAMissing = LabScenario(
    name: "containerd-private-ca-missing", dns: PullerLab.registryDNS, registries: PullerLab.imageRegistries,
    puller: RealPuller(trusts: [], pullSucceeds: false, failureMentions: "x509", kind: .containerd),
    expect: Expectation(
      "puller-untrusted-certificate", cause: clientFirewall,
      evidence: [.probe("puller.containerd.login-server", status: "fail")]))

  /// The shell's proxy works, direct is rejected, containerd runs without a proxy.
  static let containerdWithoutProxy = LabScenario(
    name: "containerd-without-proxy", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.loginServer, kind: .containerd),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "containerd-proxy-missing", cause: clientFirewall,
      evidence: [
        .probe("proxy.login-server", status: "pass"), .probe("puller.containerd.login-server", status: "fail"),
      ]))

  /// containerd's proxy is another, dead one: `proxyconnect … refused`.
  static let containerdProxyDiffers = LabScenario(
    name: "containerd-proxy-differs", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(
      environment: ["HTTPS_PROXY": "http://\(LabAddress.deadProxy):3128"], pullSucceeds: false,
      failureMentions: "\(LabAddress.deadProxy):3128", kind: .containerd),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "containerd-proxy-mismatch", cause: clientFirewall,
      evidence: [.findingMentions("containerd-proxy-mismatch", "\(LabAddress.deadProxy):3128")]))

  /// The drop-in now names the working proxy, but containerd was started before it (no restart): the running
  /// containerd has no proxy and its pulls fail.
  static let containerdRestartNeeded = LabScenario(
    name: "containerd-restart-needed", dns: PullerLab.registryDNS, registries: PullerLab.behindProxyRegistries,
    proxy: PullerLab.egressProxy,
    puller: RealPuller(
      pullSucceeds: false, failureMentions: LabAddress.loginServer, kind: .containerd,
      dropIn: ["HTTPS_PROXY": shellProxy]),
    drops: PullerLab.directRejected, environment: ["HTTPS_PROXY": shellProxy],
    expect: Expectation(
      "puller-restart-needed", cause: clientFirewall,
      evidence: [
        .findingMentions("puller-restart-needed", "/proc/"),
        .findingMentions("puller-restart-needed", "containerd.service.d/http-proxy.conf"),
      ]))

  static let containerdNodes: [LabScenario] = [
    containerdPrivateCAHealthy, containerdPrivateCAMissing, containerdWithoutProxy, containerdProxyDiffers,
    containerdRestartNeeded, containerdMirrorDead, containerdMirrorDeadUpstreamBlocked,
  ]
}
