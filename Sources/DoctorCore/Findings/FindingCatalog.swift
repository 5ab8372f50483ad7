// Every finding, registered once. The order is the order rules run in, which breaks ties between findings of the
// same severity and rank: name resolution, then the direct path, then proxies and the daemon, then Azure.

enum Findings {
  static let all: [any FindingRule.Type] = [
    // Name resolution.
    DNSServerUnreachable.self, DNSCNAMELoop.self, HostsFileOverride.self, LoginServerDNSFailure.self,
    TokenServiceDNSFailure.self, DataEndpointDNSFailure.self,
    PrivateEndpointDNSMissingRecord.self, DataEndpointDNSNotPrivate.self, PrivateEndpointDNSPublicIP.self,
    PastedResolverFails.self, SystemResolverDisagrees.self, BlobHostDNSFailure.self,
    // The direct path: TCP, TLS, the registry's HTTP answer.
    DataEndpointUnreachable.self, PrivateEndpointUnreachable.self, TCPConnectRefused.self, TCPConnectTimeout.self,
    TokenServiceUnreachable.self,
    TLSHandshakeFailed.self, TLSInterception.self, RegistryNotResponding.self, IPv6PathBroken.self,
    BlobHostUnreachable.self,
    // The registry's own answer (5xx).
    RegistryServerError.self,
    // Proxies and the Docker daemon.
    ProxyConnectDenied.self, ProxyConnectionClosed.self, ProxySchemeMismatch.self, ProxyUnreachable.self,
    NoProxyBypassesProxy.self, DockerDaemonConfigInvalid.self, DockerDaemonProxyMissing.self,
    DockerDaemonProxyMismatch.self, DockerDaemonProxyFails.self, PullerUntrustedCertificate.self,
    PastedProxyFails.self,
    ContainerdProxyMissing.self, ContainerdProxyMismatch.self, PullerProxyMissing.self, PullerProxyFails.self,
    PullerRestartNeeded.self, RegistryMirrorUnreachable.self,
    // The registry's Azure side.
    PublicNetworkAccessDisabled.self, RegistryFirewallDeniesClientIP.self, ResourceProviderNotRegistered.self,
    TrustedServicesNotAllowed.self, ServiceCannotReachRestrictedRegistry.self,
    // Outcomes when nothing is wrong on the network.
    NetworkOKCheckAuthentication.self, NoNetworkProblem.self,
  ]

  private static let byID: [FindingID: any FindingRule.Type] = Dictionary(
    all.map { ($0.spec.id, $0) }, uniquingKeysWith: { first, _ in first })

  /// The rule of a finding; every FindingID has one (a test proves it).
  static func rule(_ id: FindingID) -> any FindingRule.Type {
    guard let rule = byID[id] else { preconditionFailure("finding \(id.rawValue) is not registered in Findings.all") }
    return rule
  }

  static func spec(_ id: FindingID) -> FindingSpec { rule(id).spec }
}
