import Dispatch
import DoctorCore

/// The pull is made by the Docker daemon, with its own proxy and its own trust. Once the daemon has answered
/// `/info`, the registry is asked again the way the daemon would ask it: through the daemon's proxy under Go's
/// rules with the daemon's NO_PROXY, verified against the system bundle and /etc/docker/certs.d/<host>/.
extension ProbePlan {
  func dockerPathTasks(_ daemon: DockerDaemonFacts) -> [ProbeTask] {
    guard daemon.reachable else { return [] }
    let settings = daemon.proxyEnvironment
    let login = request.endpoints.first { $0.role == .loginServer }
    let certsDirectory = request.etc + "/docker/certs.d"
    let registryTasks = request.endpoints.filter { $0.role == .loginServer || $0.role == .dataEndpoint }.map { e in
      // Layers fetched after a redirect ride on the login server's connection settings, certs.d included.
      let trust = TrustStore.docker(certsDirectory: certsDirectory, registry: login ?? e)
      return dockerPathTask(e, settings: settings, daemon: daemon, trust: trust)
    }
    // dockerd tries its mirrors for Docker Hub pulls only, each with its own certs.d/<mirror host>/ (moby
    // registry.lookupV2Endpoints), and falls back to the next one, then registry-1.docker.io, on any failure.
    guard daemon.mirrorsApply else { return registryTasks }
    let mirrorTasks = mirrorEndpoints(daemon.mirrors).map { m in
      dockerPathTask(
        m, settings: settings, daemon: daemon, trust: TrustStore.docker(certsDirectory: certsDirectory, registry: m))
    }
    return mirrorTasks + registryTasks
  }

  private func dockerPathTask(
    _ e: Endpoint, settings: ProxyEnvironment, daemon: DockerDaemonFacts, trust: TrustStore
  ) -> ProbeTask {
    let proxy = settings.proxyURL(for: e, rules: .go)
    let trustKind = trust.roots.count > TrustStore.fromEnvironment([:]).roots.count ? "system+certs.d" : "system"
    let way = PullerWay(
      puller: .docker, proxy: proxy, decision: settings.decision(for: e), trust: trust, trustKind: trustKind,
      source: "/info of the daemon at \(daemon.host)")
    let path = e.role == .auxiliary ? "/v2/" : requestPath(for: e)
    return pullerPathTask(way, e, title: "docker daemon's path \(e.label)", requestPath: path) {
      facts in
      // /info shows a proxy's credentials masked; the running daemon's environ (root) has the URL it dials.
      guard let proxy, proxy.username != nil || proxy.redacted.contains("***") else { return nil }
      switch runningDaemonProxy(daemon, for: e, shown: proxy) {
      case .success(let (real, pid)):
        facts.source = "/proc/\(pid)/environ of the daemon at \(daemon.host) (its /info masks the password)"
        return real
      case .failure(let why):
        facts.notTried = "the daemon's proxy needs credentials /info does not show (\(why.text))"
        return nil
      }
    }
  }

  /// The proxy the running dockerd dials for `e`, with its credentials: from /proc/PID/environ of the process
  /// listening on the daemon's socket (readable by root only). Used only when it is the proxy /info shows
  /// (scheme, host and port), so a daemon started with other settings is never judged by them.
  private func runningDaemonProxy(_ daemon: DockerDaemonFacts, for e: Endpoint, shown: ProxyURL)
    -> Result<(ProxyURL, Int), DaemonProxyUnknown>
  {
    guard daemon.host.hasPrefix("unix://") else {
      return .failure(DaemonProxyUnknown("the daemon is not on a local socket"))
    }
    let socket = String(daemon.host.dropFirst("unix://".count))
    guard let process = DaemonProcess.find(socket: socket, names: ["dockerd"]) else {
      return .failure(DaemonProxyUnknown("no dockerd process found for \(socket)"))
    }
    guard let environment = process.environment else {
      return .failure(DaemonProxyUnknown(process.environmentUnknown ?? "/proc/\(process.pid)/environ unreadable"))
    }
    let running = ProxyEnvironment(environment: ProxyVariables(environment: environment).environment)
    guard let real = running.proxyURL(for: e, rules: .go), real.scheme == shown.scheme, real.host == shown.host,
      real.port == shown.port
    else {
      return .failure(DaemonProxyUnknown("/proc/\(process.pid)/environ names another proxy than /info"))
    }
    return .success((real, process.pid))
  }
}

/// Why the daemon's real proxy URL could not be learnt (a sentence for the report).
struct DaemonProxyUnknown: Error {
  let text: String
  init(_ text: String) { self.text = text }
}
