import Dispatch
import DoctorCore
import Synchronization

/// `--image`: the pull followed as the puller makes it (PullFollower), and every host its blob request names, probed
/// like any endpoint: DNS, TCP to each address, TLS and HTTP on the first that connects, and the proxy. Both go the
/// way the puller goes (ProbePlan+PullPath): the Docker daemon's proxy and trust when it answers, not the shell's.
/// An ACR data endpoint keeps its role (the data-endpoint-* findings read it); any other host (a storage account,
/// a CDN) is a blob host (blob-host-* findings).
extension ProbePlan {
  var imageTask: ProbeTask? {
    guard let image = request.image else { return nil }
    let registry = request.registry
    let environment = request.environment
    let target = "\(registry.loginServer)/\(image.text)"
    // Its follow-ups probe a host only the pull reveals: any endpoint.
    let expects = PendingFacts([.pull, .dns, .tcp, .tls, .http, .proxy])
    return ProbeTask(id: .pullImage, title: "pull \(image.text)", target: target, expects: expects) { ctx in
      let start = DispatchTime.now()
      let path = pullPath(ctx)
      let facts = PullFollower.follow(
        image: image, registry: registry, environment: environment, path: path, context: ctx)
      return ProbeOutput(
        describe(.pullImage, target, start, .pull(facts)), followUps: blobHostTasks(facts, path: path))
    }
  }

  /// The probes of the host the blob request was redirected to, unless it is probed already. A plain-http blob
  /// host is a fact of the pull's probe (a warning there), not an endpoint with TLS to check. Its probes are the
  /// puller's (its proxy, its trust, direct and via the proxy): the findings judge the blob host by the pull's path.
  func blobHostTasks(_ facts: PullFacts, path: PullPath) -> [ProbeTask] {
    guard let blob = facts.blobHost, !blob.isPlainHTTP else { return [] }
    let host = blob.host.lowercased()
    guard !request.endpoints.contains(where: { $0.host.lowercased() == host }), probedHosts.claim(host) else {
      return []
    }
    let endpoint = Self.blobEndpoint(host: host, port: blob.port, registry: request.registry, request: request)
    // Direct and through the proxy, the blob host is verified as the puller verifies it (PullerTrust).
    var tasks = [dnsTask(endpoint, path: requestPath(for: endpoint), trust: path.trust)]
    let proxies = path.proxies
    if let proxy = proxyToTry(for: endpoint, proxies) {
      tasks.append(proxyTask(endpoint, proxy: proxy, proxies, trust: path.trust))
    }
    return tasks
  }

  /// `contoso.japaneast.data.azurecr.io` of an ACR is its data endpoint; anything else is a blob host.
  static func blobEndpoint(host: String, port: Int, registry: RegistryTarget, request: DiagnosisRequest) -> Endpoint {
    // The registry's own name, and a suffix of two labels at least (`azurecr.io`).
    if let name = registry.acrName, let parts = Endpoint.dataEndpointName(host), parts.name == name,
      parts.suffix.contains(".")
    {
      return Endpoint(host: host, port: port, role: .dataEndpoint, label: request.dataEndpointLabel(host))
    }
    return Endpoint(host: host, port: port, role: .blobHost, label: "blob-host.\(host)")
  }
}

/// Hosts already given their probes by one follow-up (the home region's data endpoint, a blob host), so another
/// that learns the same host concurrently does not probe it twice.
final class HostClaims: Sendable {
  private let claimed = Mutex<Set<String>>([])
  func claim(_ host: String) -> Bool { claimed.withLock { $0.insert(host.lowercased()).inserted } }
}
