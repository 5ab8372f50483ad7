import DoctorCore
import FoundationEssentials

/// podman and CRI-O (containers/image): registries.conf and registries.conf.d/ for the registry's entry (its
/// mirrors, `insecure`, `blocked`), /etc/containers/certs.d/<host>/*.crt for its trust. podman pulls in the
/// user's own process: its proxy is the shell's environment plus containers.conf `[engine] env`. CRI-O pulls in
/// its daemon: crio.service's environment, or the running process's when /proc lets us read it.
enum ContainersProbe {
  static let fileLimit = 1 << 20
  static let crioSocket = "/var/run/crio/crio.sock"

  static func podmanBinary(_ environment: [String: String]) -> String? {
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map({ "\($0)/podman" }).first(where: {
      FileManager.default.isExecutableFile(atPath: $0)
    })
  }

  static func podman(environment: [String: String], etc: String, registry: Endpoint) -> (
    PullerConfigFacts, PullerRoute
  )? {
    guard let binary = podmanBinary(environment) else { return nil }
    var files: [PullerConfigFacts.File] = []
    var added: [String: String] = [:]
    var sources: [String] = []
    let containersConf =
      environment["CONTAINERS_CONF"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(etc)/containers/containers.conf"
    switch BoundedFile.read(containersConf, limit: fileLimit) {
    case .success(let bytes):
      let parsed = ContainersConfigParser.engineEnvironment(
        String(decoding: bytes, as: UTF8.self), path: containersConf)
      added = parsed.environment
      files.append(.init(path: containersConf, state: parsed.error == nil ? .read : .invalid, note: parsed.error))
      if !ProxyVariables(environment: added).isEmpty { sources.append(containersConf + " [engine] env") }
    case .failure(.missing): break
    case .failure(let failure): files.append(.init(path: containersConf, state: .unreadable, note: failure.description))
    }
    // containers.conf's env is added to podman's own environment; its values win.
    let merged = environment.merging(added) { _, conf in conf }
    if sources.isEmpty, !ProxyVariables(environment: environment).isEmpty { sources.append("the shell's environment") }
    let proxy = ProxyVariables(environment: merged)
    var facts = PullerConfigFacts(
      kind: .podman, location: binary, pulls: true, role: "pulls in the user's own process (no daemon)",
      configured: proxy.redacted, configuredSources: sources, files: files)
    let trust = registrySettings(etc: etc, environment: environment, registry: registry, into: &facts)
    let shellTrust = environment.filter { $0.key == "SSL_CERT_FILE" || $0.key == "SSL_CERT_DIR" }
    return (
      facts,
      PullerRoute(
        kind: .podman, proxy: proxy, source: facts.effectiveSource, caFiles: trust.caFiles,
        skipVerify: trust.skipVerify,
        shellTrust: shellTrust)
    )
  }

  static func crio(environment: [String: String], etc: String, registry: Endpoint) -> (PullerConfigFacts, PullerRoute)?
  {
    guard DaemonProcess.isSocket(crioSocket) else { return nil }
    let process = DaemonProcess.find(socket: crioSocket, names: ["crio"])
    let unit = ServiceUnitEnvironment.read(unit: "crio", etc: etc)
    let configured = ProxyVariables(environment: unit.environment)
    var facts = PullerConfigFacts(
      kind: .crio, location: "unix://" + crioSocket, pid: process?.pid, pulls: true,
      role: "the kubelet's pulls are made by CRI-O", configured: configured.redacted,
      configuredSources: unit.proxySources, files: unit.files)
    if let env = process?.environment {
      facts.running = ProxyVariables(environment: env).redacted
    } else {
      facts.runningUnknown = process?.environmentUnknown ?? "no process listening on \(crioSocket) found in /proc"
    }
    let trust = registrySettings(etc: etc, environment: [:], registry: registry, into: &facts)
    let raw = process?.environment.map(ProxyVariables.init(environment:)) ?? configured
    return (
      facts,
      PullerRoute(
        kind: .crio, proxy: raw, source: facts.effectiveSource, caFiles: trust.caFiles, skipVerify: trust.skipVerify)
    )
  }

  /// registries.conf (+ .d/) for the registry, and certs.d/<host>/*.crt.
  static func registrySettings(
    etc: String, environment: [String: String], registry: Endpoint, into facts: inout PullerConfigFacts
  ) -> (caFiles: [String], skipVerify: Bool) {
    let main =
      environment["CONTAINERS_REGISTRIES_CONF"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(etc)/containers/registries.conf"
    let directory = "\(etc)/containers/registries.conf.d"
    let dropIns = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasSuffix(".conf")
    }.sorted().map { "\(directory)/\($0)" }
    var registries = ContainersRegistriesFacts()
    for path in [main] + dropIns {
      switch BoundedFile.read(path, limit: fileLimit) {
      case .success(let bytes):
        let before = registries.parseErrors.count
        ContainersConfigParser.mergeRegistries(String(decoding: bytes, as: UTF8.self), path: path, into: &registries)
        let error = registries.parseErrors.count > before ? registries.parseErrors.last : nil
        facts.files.append(.init(path: path, state: error == nil ? .read : .invalid, note: error))
      case .failure(.missing): continue
      case .failure(let failure): facts.files.append(.init(path: path, state: .unreadable, note: failure.description))
      }
    }
    let name = registry.port == 443 ? registry.host : registry.hostPort
    let entry = registries.registry(for: name)
    facts.hostsFile = entry?.source
    facts.pullHosts =
      (entry?.mirrors ?? []) + ["https://" + (entry.map { $0.location.isEmpty ? name : $0.location } ?? name)]
    facts.blocked = entry?.blocked ?? false
    let certs = "\(etc)/containers/certs.d/\(name)"
    let crts = ((try? FileManager.default.contentsOfDirectory(atPath: certs)) ?? []).filter { $0.hasSuffix(".crt") }
    facts.caFiles = crts.sorted().map { "\(certs)/\($0)" }
    facts.skipVerify = entry?.insecure ?? false
    return (facts.caFiles, facts.skipVerify)
  }
}
