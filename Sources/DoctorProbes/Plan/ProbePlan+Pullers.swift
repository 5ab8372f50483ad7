import Dispatch
import DoctorCore
import FoundationEssentials

/// containerd, podman and CRI-O: each found puller's settings are read (`puller.<kind>`), then the registry is
/// asked the way that puller asks it (`puller.<kind>.<endpoint>`): through its own proxy under Go's rules with its
/// own NO_PROXY, verified against the system bundle plus its own CA files for the registry (hosts.toml `ca`,
/// certs.d). The Docker daemon has its own task (ProbePlan+Puller).
extension ProbePlan {
  var pullerTasks: [ProbeTask] {
    let env = request.environment
    let etc = request.etc
    let registry = request.endpoints.first { $0.role == .loginServer } ?? request.endpoints[0]
    // Only the pullers that are there get a task (a socket, an executable: cheap to check here).
    var finders: [(PullerConfigFacts.Kind, @Sendable () -> (PullerConfigFacts, PullerRoute)?)] = []
    if DaemonProcess.isSocket(ContainerdProbe.socket(env)) {
      finders.append((.containerd, { ContainerdProbe.run(environment: env, etc: etc, registry: registry) }))
    }
    if ContainersProbe.podmanBinary(env) != nil {
      finders.append((.podman, { ContainersProbe.podman(environment: env, etc: etc, registry: registry) }))
    }
    if DaemonProcess.isSocket(ContainersProbe.crioSocket) {
      finders.append((.crio, { ContainersProbe.crio(environment: env, etc: etc, registry: registry) }))
    }
    return finders.map { kind, find in
      let id = ProbeID.puller(kind)
      return ProbeTask(
        id: id, title: kind.rawValue, target: kind.rawValue, expects: PendingFacts([.puller, .pullerPath])
      ) { _ in
        let start = DispatchTime.now()
        guard let (facts, route) = find() else {
          return ProbeOutput(results: [])
        }
        let next =
          facts.pulls && !facts.blocked ? routeTasks(route, mirrors: mirrorEndpoints(facts.pullHosts.dropLast())) : []
        return ProbeOutput(describe(id, facts.location, start, .puller(facts)), followUps: next)
      }
    }
  }

  /// Mirror URLs (hosts.toml `[host]`, registries.conf mirrors, daemon.json `registry-mirrors`) as endpoints
  /// `mirror.<host>`; a plain-http mirror has no TLS path to probe.
  func mirrorEndpoints(_ urls: some Sequence<String>) -> [Endpoint] {
    urls.compactMap { url in
      guard let u = HTTPSURL(url.contains("://") ? url : "https://" + url), u.scheme == "https" else { return nil }
      return Endpoint(host: u.host, port: u.port, role: .auxiliary, label: "mirror.\(hostPort(u.host, u.port))")
    }
  }

  /// The registry's endpoints and its mirrors, each asked the way the puller asks it.
  private func routeTasks(_ route: PullerRoute, mirrors: [Endpoint]) -> [ProbeTask] {
    let settings = ProxyEnvironment(environment: route.proxy.environment)
    let targets = request.endpoints.filter { $0.role == .loginServer || $0.role == .dataEndpoint } + mirrors
    return targets.map { e in
      let (trust, trustKind, skipVerify) = route.trust(for: e)
      let way = PullerWay(
        puller: route.kind, proxy: settings.proxyURL(for: e, rules: .go), decision: settings.decision(for: e),
        trust: trust, trustKind: trustKind, source: route.source, skipVerify: skipVerify)
      let name = route.kind == .crio ? "CRI-O" : route.kind.rawValue
      let path = e.role == .auxiliary ? "/v2/" : requestPath(for: e)
      return pullerPathTask(way, e, title: "\(name)'s path \(e.label)", requestPath: path)
    }
  }
}
