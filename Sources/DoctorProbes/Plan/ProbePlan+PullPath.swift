import DoctorCore
import Synchronization

/// The path a followed pull (`--image`) and its blob hosts' probes take: the puller's, as `docker pull` takes it.
/// The Docker daemon when it answers `/info` (its proxy under Go's rules with its own NO_PROXY, the system bundle
/// plus certs.d), else containerd when it makes the pulls (its proxy, hosts.toml CA), else the shell's own.
struct PullPath: Sendable {
  var proxies: ProxyEnvironment
  var trust: TrustStore
  /// Nil when it is the shell's.
  var puller: PullerPathFacts.Puller?
  /// For the pull's facts: `the Docker daemon's: proxy and NO_PROXY from /info of the daemon at …; trust …`.
  var description: String
}

extension ProbePlan {
  func pullPath(_ ctx: ProbeContext) -> PullPath {
    let login = request.endpoints.first { $0.role == .loginServer } ?? request.endpoints[0]
    let daemon = dockerDaemonFacts(ctx)
    if daemon.reachable {
      let trust = TrustStore.docker(certsDirectory: request.etc + "/docker/certs.d", registry: login)
      return PullPath(
        proxies: daemon.proxyEnvironment, trust: trust, puller: .docker,
        description: "the Docker daemon's: proxy and NO_PROXY from /info of the daemon at \(daemon.host); "
          + "trust \(trust.source)")
    }
    let env = request.environment
    if DaemonProcess.isSocket(ContainerdProbe.socket(env)),
      let (facts, route) = ContainerdProbe.run(environment: env, etc: request.etc, registry: login),
      facts.pulls, !facts.blocked
    {
      let (trust, _) = route.trust
      return PullPath(
        proxies: ProxyEnvironment(environment: route.proxy.environment), trust: trust, puller: .containerd,
        description: "containerd's: proxy and NO_PROXY from \(route.source); trust \(trust.source)")
    }
    return PullPath(
      proxies: request.proxyEnvironment, trust: trust, puller: nil,
      description: "the shell's environment (no Docker daemon or containerd that pulls answered)")
  }

  /// `/info` asked once: the docker.daemon task and the followed pull both need it, whichever runs first asks.
  func dockerDaemonFacts(_ ctx: ProbeContext) -> DockerDaemonFacts {
    let env = request.environment
    let paths = DaemonConfigPaths(
      systemdDropInDirectory: request.etc + "/systemd/system/docker.service.d",
      daemonJSON: request.etc + "/docker/daemon.json")
    let dockerHub = request.registry.kind == .dockerHub
    return dockerDaemon.value {
      var facts = DockerDaemonProbe.run(environment: env, context: ctx, sourcePaths: paths)
      facts.mirrorsApply = dockerHub
      return facts
    }
  }
}

extension DockerDaemonFacts {
  /// The daemon's proxy variables as its Go client reads them.
  var proxyEnvironment: ProxyEnvironment {
    ProxyEnvironment(environment: [
      "HTTPS_PROXY": httpsProxy ?? "", "HTTP_PROXY": httpProxy ?? "", "NO_PROXY": noProxy ?? "",
    ])
  }
}

extension PullerRoute {
  /// The puller's trust: the system bundle (plus the shell's for podman) and its own CA files for the registry;
  /// with the JSON `pullers` section's kind (`system`, `system+hosts.toml`, `skip-verify`).
  var trust: (TrustStore, kind: String) { store(caFiles: caFiles, skipVerify: skipVerify) }

  /// The trust the puller verifies `e` with: a mirror's own (hosts.toml `[host."…"]` `ca`, `skip_verify`) when
  /// it has a table, else the registry's.
  func trust(for e: Endpoint) -> (TrustStore, kind: String, skipVerify: Bool) {
    let own = e.role == .auxiliary ? mirrorTrust[e.hostPort.lowercased()] : nil
    let (trust, kind) = own.map { store(caFiles: $0.caFiles, skipVerify: $0.skipVerify) } ?? self.trust
    return (trust, kind, own?.skipVerify ?? skipVerify)
  }

  private func store(caFiles: [String], skipVerify: Bool) -> (TrustStore, kind: String) {
    let base = TrustStore.fromEnvironment(shellTrust)
    let extra = caFiles.flatMap { TrustStore.loadPEMFile($0) }
    let count = extra.count == 1 ? "1 certificate" : "\(extra.count) certificates"
    let trust =
      extra.isEmpty && caFiles.isEmpty
      ? base
      : TrustStore(roots: base.roots + extra, source: "\(base.source) + \(caFiles.joined(separator: ", ")) (\(count))")
    let kind =
      skipVerify
      ? "skip-verify" : (extra.isEmpty ? "system" : "system+\(self.kind == .containerd ? "hosts.toml" : "certs.d")")
    return (trust, kind)
  }
}

/// A value computed once, by the first that asks; the others wait for it.
final class Memo<Value: Sendable>: Sendable {
  private let stored = Mutex<Value?>(nil)
  func value(_ make: () -> Value) -> Value {
    stored.withLock { stored in
      if let known = stored { return known }
      let made = make()
      stored = made
      return made
    }
  }
}
