// Docker Hub with the Docker daemon's `registry-mirrors`: inside the scenario's namespace only, the lab's DNS
// names Docker Hub (registry-1.docker.io, auth.docker.io, its CDN, docker.io) and the mirrors, lab registries
// answer for them, and the lab CA is in the namespace's own system bundle (dockerd verifies Docker Hub against the
// system bundle only; a mirror against certs.d/<mirror>/ too). No packet leaves the namespace: its DNS answers
// nothing else and it has no route out. The real `docker pull` falls back from a dead mirror to registry-1.docker.io
// (moby distribution.Pull) and pulls through a mirror that answers without touching Docker Hub.

private let hubNames = [
  "registry-1.docker.io", "auth.docker.io", "production.cloudflare.docker.com", "docker.io", "index.docker.io",
]
private let hubDNS: [DNSRecord] = hubNames.map { .a($0, [LabAddress.loginServer]) }
/// Docker Hub's registry: the lab image as `library/hello:1`, its token service at auth.docker.io.
private let hubRegistry = RegistryServer(
  address: LabAddress.loginServer, image: "library/hello:1", realmHost: "auth.docker.io")
/// A mirror whose name resolves to an address where nothing listens (refused at once).
private let deadMirror = "dead-mirror.hub.internal"
/// A pull-through mirror with the same image, its own token service.
private let workingMirror = "mirror.hub.internal"
private let mirrorRegistry = RegistryServer(
  address: LabAddress.dataEndpoint, image: "library/hello:1", realmHost: workingMirror)
private let hubBlocked = [Drop(address: LabAddress.loginServer, port: 443, rejects: true)]

/// docker pull `hello:1` from Docker Hub with daemon.json's mirror; containerd's hosts.toml names the same mirror
/// for docker.io, so `ctr images pull` takes the same route.
private func hubPuller(mirror: String, succeeds: Bool, failureMentions: String? = nil) -> RealPuller {
  RealPuller(
    image: "docker.io/library/hello:1", pullSucceeds: succeeds, failureMentions: failureMentions, mirror: mirror,
    registryMirrors: ["https://\(mirror)"])
}

extension LabScenario {
  /// The mirror is dead, Docker Hub answers: dockerd falls back, the pull works, the dead mirror is a warning.
  static let hubMirrorDead = LabScenario(
    name: "hub-mirror-dead", registry: "docker.io", dns: hubDNS + [.a(deadMirror, [LabAddress.deadProxy])],
    registries: [hubRegistry], puller: hubPuller(mirror: deadMirror, succeeds: true), systemTrust: [.lab],
    expect: Expectation(
      "registry-mirror-unreachable", cause: ["client-firewall-or-proxy"], exitCode: 0,
      evidence: [
        .probe("puller.docker.mirror.\(deadMirror)", status: "fail"),
        .probe("puller.docker.login-server", status: "pass"),
        .findingMentions("registry-mirror-unreachable", "docker falls back to it"),
      ], noErrorFindings: true))

  /// The mirror answers, Docker Hub is rejected by the firewall: the pull comes from the mirror; Docker Hub's own
  /// failure is reported, as a warning that says the mirror serves.
  static let hubMirrorServesHubBlocked = LabScenario(
    name: "hub-mirror-serves-hub-blocked", registry: "docker.io",
    dns: hubDNS + [.a(workingMirror, [LabAddress.dataEndpoint])],
    registries: [hubRegistry, mirrorRegistry], puller: hubPuller(mirror: workingMirror, succeeds: true),
    drops: hubBlocked, systemTrust: [.lab],
    expect: Expectation(
      "tcp-connect-refused", exitCode: 0,
      evidence: [
        .probe("puller.docker.mirror.\(workingMirror)", status: "pass"),
        .findingMentions("tcp-connect-refused", "does not break the pull"),
      ], noErrorFindings: true))

  /// The mirror is dead and Docker Hub rejected: the fallback fails too, Docker Hub's own finding is the error.
  static let hubMirrorDeadHubBlocked = LabScenario(
    name: "hub-mirror-dead-hub-blocked", registry: "docker.io", dns: hubDNS + [.a(deadMirror, [LabAddress.deadProxy])],
    registries: [hubRegistry],
    puller: hubPuller(mirror: deadMirror, succeeds: false, failureMentions: "connection refused"),
    drops: hubBlocked, systemTrust: [.lab],
    expect: Expectation(
      "tcp-connect-refused", cause: ["client-firewall-or-proxy"],
      evidence: [.findingMentions("registry-mirror-unreachable", "the fallback fails as well")]))

  static let dockerHubMirrors: [LabScenario] = [hubMirrorDead, hubMirrorServesHubBlocked, hubMirrorDeadHubBlocked]
}
