/// The registry side the puller and containerd scenarios share: the login server serving a real image and, as ACR
/// does, sending layers to its data endpoint; the shell's proxy, the only way out to the login server when direct
/// egress is rejected.
enum PullerLab {
  private static let login = "contoso.azurecr.io"
  private static let dataEndpoint = "contoso.japaneast.data.azurecr.io"

  /// DNS for the login server and its data endpoint.
  static let registryDNS: [DNSRecord] = [
    .a(login, [LabAddress.loginServer]), .a(dataEndpoint, [LabAddress.dataEndpoint]),
  ]
  /// The login server with the image, sending layers to the data endpoint; the data endpoint with the same blobs.
  static let imageRegistries = [
    RegistryServer(address: LabAddress.loginServer, image: "hello:1", blobRedirect: dataEndpoint),
    RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
  ]
  /// Only the shell's proxy has egress to the login server (at `LabAddress.proxyEgress`); direct is rejected.
  static let behindProxyRegistries = [
    RegistryServer(address: LabAddress.proxyEgress, image: "hello:1", blobRedirect: dataEndpoint),
    RegistryServer(address: LabAddress.dataEndpoint, image: "hello:1"),
  ]
  static let egressProxy = ProxyServer(kind: .lab(mode: "tunnel", map: [login: LabAddress.proxyEgress]))
  static let directRejected = [Drop(address: LabAddress.loginServer, port: 443, rejects: true)]
}
