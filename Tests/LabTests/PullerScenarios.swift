// Scenarios where the puller matters: a real Docker Engine in the namespace makes the pull, and regdoctor's exit
// code must predict its outcome. The registry serves a real image and, as ACR does, redirects blob GETs to its
// data endpoint (another regdoctor-lab at another address).

private let login = "contoso.azurecr.io"
private let dataEndpoint = "contoso.japaneast.data.azurecr.io"

/// DNS for the login server and its data endpoint.
private let registryDNS: [DNSRecord] = [
  .a(login, [LabAddress.loginServer]), .a(dataEndpoint, [LabAddress.dataEndpoint]),
]
/// The login server with the image, sending layers to the data endpoint; the data endpoint with the same blobs.
private let imageRegistries = [
  RegistryServer(address: LabAddress.loginServer, image: "hello:1", blobRedirect: dataEndpoint),
  RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
]

extension LabScenario {
  /// Everything answers; the daemon trusts the registry's CA (certs.d), the pull gets through.
  static let pullHealthy = LabScenario(
    name: "pull-healthy", dns: registryDNS, registries: imageRegistries,
    puller: RealPuller(pullSucceeds: true), arguments: ["--region", "japaneast"],
    expect: Expectation(
      "no-network-problem", or: ["network-ok-check-authentication"], cause: ["registry-auth", "none"],
      exitCode: 0, evidence: [.probe("tls.data-endpoint.japaneast", status: "pass")], noErrorFindings: true))

  /// The login server answers, the firewall rejects the data endpoint: the manifest comes, the layers do not.
  static let pullDataEndpointBlockedWithRegion = LabScenario(
    name: "pull-data-endpoint-blocked-with-region", dns: registryDNS, registries: imageRegistries,
    puller: RealPuller(pullSucceeds: false, failureMentions: LabAddress.dataEndpoint),
    drops: [Drop(address: LabAddress.dataEndpoint, port: 443, rejects: true)],
    arguments: ["--region", "japaneast"],
    expect: Expectation(
      "data-endpoint-unreachable", cause: ["client-firewall-or-proxy"],
      evidence: [.probe("tcp.data-endpoint.japaneast.\(LabAddress.dataEndpoint)", status: "fail")]))

  static let pullers: [LabScenario] = [pullHealthy, pullDataEndpointBlockedWithRegion]
}
