import DoctorCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// podman and CRI-O (containers/image): registries.conf and registries.conf.d/ for the registry's entry (its
/// mirrors, `insecure`, `blocked`), /etc/containers/certs.d/<host>/*.crt for its trust. podman pulls in the
/// user's own process: its proxy is the shell's environment plus containers.conf `[engine] env` for the names the
/// shell does not set (checked against podman 4.3.1's source and a real podman, see ContainersConfigParser).
/// CRI-O pulls in its daemon: crio.service's environment, or the running process's when /proc lets us read it.
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
    let engine = engineEnvironment(environment: environment, etc: etc)
    var files = engine.files
    let (merged, fromFile) = ContainersConfigParser.podmanEnvironment(shell: environment, engine: engine.environment)
    if let source = engine.source {
      let shadowed = engine.environment.keys.filter { !fromFile.contains($0) && proxyNames.contains($0) }.sorted()
      if !shadowed.isEmpty, let i = files.lastIndex(where: { $0.path == source }) {
        files[i].note = "[engine] env \(shadowed.joined(separator: ", ")) not used: the shell sets it"
      }
    }
    let sources = proxySources(merged, fromFile: fromFile, file: engine.source)
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

  static let proxyNames: Set<String> = [
    "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
  ]

  /// containers.conf `[engine] env` as podman 4.3 reads it: the file CONTAINERS_CONF names alone (podman refuses
  /// to run when it does not exist); else /usr/share/containers/containers.conf, /etc/containers/containers.conf,
  /// containers.conf.d/*.conf in name order and, rootless, ~/.config/containers/containers.conf (+ .d). A later
  /// file's `env` replaces an earlier one's. `source` is the file whose list is used.
  static func engineEnvironment(environment: [String: String], etc: String) -> (
    environment: [String: String], source: String?, files: [PullerConfigFacts.File]
  ) {
    var paths: [String]
    let override = environment["CONTAINERS_CONF"].flatMap { $0.isEmpty ? nil : $0 }
    if let override {
      paths = [override]
    } else {
      paths = ["/usr/share/containers/containers.conf", "\(etc)/containers/containers.conf"]
      paths += confFiles(in: "\(etc)/containers/containers.conf.d")
      if geteuid() != 0, let home = environment["HOME"], !home.isEmpty {
        paths.append("\(home)/.config/containers/containers.conf")
        paths += confFiles(in: "\(home)/.config/containers/containers.conf.d")
      }
    }
    var result: (environment: [String: String], source: String?, files: [PullerConfigFacts.File]) = ([:], nil, [])
    for path in paths {
      switch BoundedFile.read(path, limit: fileLimit) {
      case .success(let bytes):
        let parsed = ContainersConfigParser.engineEnvironment(String(decoding: bytes, as: UTF8.self), path: path)
        result.files.append(.init(path: path, state: parsed.error == nil ? .read : .invalid, note: parsed.error))
        if let list = parsed.environment {
          result.environment = list
          result.source = path
        }
      case .failure(.missing) where override == nil: continue
      case .failure(.missing):
        result.files.append(.init(path: path, state: .missing, note: "CONTAINERS_CONF names it: podman refuses to run"))
      case .failure(let failure): result.files.append(.init(path: path, state: .unreadable, note: failure.description))
      }
    }
    return result
  }

  /// Where the proxy variables Go will pick (the upper-case name first, when not empty) come from; the HTTPS
  /// proxy's source last (it is the one `effectiveSource` names).
  static func proxySources(_ merged: [String: String], fromFile: Set<String>, file: String?) -> [String] {
    func source(_ name: String) -> String? {
      guard let chosen = [name, name.lowercased()].first(where: { merged[$0].map { !$0.isEmpty } ?? false })
      else { return nil }
      return fromFile.contains(chosen) ? "\(file ?? "containers.conf") [engine] env" : "the shell's environment"
    }
    var sources: [String] = []
    for name in ["NO_PROXY", "HTTP_PROXY", "HTTPS_PROXY"] {
      guard let s = source(name) else { continue }
      sources.removeAll { $0 == s }
      sources.append(s)
    }
    return sources
  }

  private static func confFiles(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".conf") }.sorted()
      .map { "\(directory)/\($0)" }
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

  /// registries.conf (+ .d/) for the registry, and certs.d/<host>/*.crt (the user's, /etc/containers', then
  /// /etc/docker's).
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
    // containers/image (docker_client.go dockerCertDir): the first of these directories that exists, even empty.
    let candidates =
      (environment["HOME"].flatMap { $0.isEmpty ? nil : ["\($0)/.config/containers/certs.d"] } ?? [])
      + ["\(etc)/containers/certs.d", "\(etc)/docker/certs.d"]
    let certs =
      candidates.map { "\($0)/\(name)" }.first { FileManager.default.fileExists(atPath: $0) }
      ?? "\(etc)/containers/certs.d/\(name)"
    let crts = ((try? FileManager.default.contentsOfDirectory(atPath: certs)) ?? []).filter { $0.hasSuffix(".crt") }
    facts.caFiles = crts.sorted().map { "\(certs)/\($0)" }
    facts.skipVerify = entry?.insecure ?? false
    return (facts.caFiles, facts.skipVerify)
  }
}
