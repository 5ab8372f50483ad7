import DoctorCore
import FoundationEssentials

/// What a puller's own path needs and the report must not hold: its raw proxy (credentials included) and the
/// CA files it adds for the registry.
struct PullerRoute: Sendable {
  var kind: PullerPathFacts.Puller
  var proxy: ProxyVariables
  var source: String
  var caFiles: [String]
  var skipVerify: Bool
  /// The shell's SSL_CERT_FILE / SSL_CERT_DIR count (podman is a Go program in the user's own process).
  var shellTrust: [String: String] = [:]
  /// A mirror's own CA files and skip_verify, by `host[:port]` (hosts.toml `[host."…"]`): containerd verifies
  /// each host it tries with its own table's, never the registry's. A mirror not listed gets the registry's.
  var mirrorTrust: [String: HostTrust] = [:]

  struct HostTrust: Sendable, Equatable {
    var caFiles: [String]
    var skipVerify: Bool
  }
}

/// containerd as a puller: its socket (CONTAINERD_ADDRESS, else /run/containerd/containerd.sock), the process
/// behind it (/proc), config.toml (the path on its command line, else /etc/containerd/config.toml), the
/// registry's hosts.toml under the CRI registry's `config_path`, and containerd.service's environment.
enum ContainerdProbe {
  static let defaultSocket = "/run/containerd/containerd.sock"
  static let fileLimit = 1 << 20

  static func socket(_ environment: [String: String]) -> String {
    var address = environment["CONTAINERD_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultSocket
    if address.hasPrefix("unix://") { address.removeFirst("unix://".count) }
    return address
  }

  static func run(environment: [String: String], etc: String, registry: Endpoint) -> (PullerConfigFacts, PullerRoute)? {
    let socket = Self.socket(environment)
    guard DaemonProcess.isSocket(socket) else { return nil }
    var files: [PullerConfigFacts.File] = []
    let process = DaemonProcess.find(socket: socket, names: ["containerd"])
    let configPath =
      process.flatMap { ServiceEnvironmentParser.option(["--config", "-c"], in: $0.arguments) }
      ?? "\(etc)/containerd/config.toml"
    var config = ContainerdConfigFacts()
    switch BoundedFile.read(configPath, limit: fileLimit) {
    case .success(let bytes):
      config = ContainerdConfigParser.parseConfig(String(decoding: bytes, as: UTF8.self), path: configPath)
      files.append(.init(path: configPath, state: config.parseError == nil ? .read : .invalid, note: config.parseError))
    case .failure(.missing):
      files.append(.init(path: configPath, state: .missing, note: "containerd runs with its defaults"))
    case .failure(let failure):
      files.append(.init(path: configPath, state: .unreadable, note: failure.description))
    }
    let unit = ServiceUnitEnvironment.read(unit: "containerd", etc: etc)
    files += unit.files
    let configured = ProxyVariables(environment: unit.environment)
    var facts = PullerConfigFacts(
      kind: .containerd, location: "unix://" + socket, pid: process?.pid,
      pulls: config.criEnabled && config.parseError == nil,
      role: config.parseError != nil
        ? "its config.toml does not parse"
        : config.criEnabled
          ? "the CRI plugin is enabled: the kubelet's pulls are made by containerd"
          : "the CRI plugin is disabled: containerd stores images, dockerd (or ctr, nerdctl) makes the pulls",
      configured: configured.redacted, configuredSources: unit.proxySources, files: files)
    if let process {
      if let env = process.environment {
        facts.running = ProxyVariables(environment: env).redacted
      } else {
        facts.runningUnknown = process.environmentUnknown
      }
    } else {
      facts.runningUnknown = "no process listening on \(socket) could be found in /proc (not root?)"
    }
    facts.version = installedVersion()
    let trust = registryHosts(config, registry: registry, into: &facts)
    let raw = process?.environment.map(ProxyVariables.init(environment:)) ?? configured
    let route = PullerRoute(
      kind: .containerd, proxy: raw, source: facts.effectiveSource, caFiles: trust.caFiles,
      skipVerify: trust.skipVerify,
      mirrorTrust: trust.mirrors)
    return (facts, route)
  }

  /// The registry's hosts.toml (`config_path/<host>/hosts.toml`, else `_default`), or the deprecated
  /// `registry.mirrors`/`configs` when no `config_path` is set. Fills the facts; returns the trust additions.
  static func registryHosts(_ config: ContainerdConfigFacts, registry: Endpoint, into facts: inout PullerConfigFacts)
    -> (caFiles: [String], skipVerify: Bool, mirrors: [String: PullerRoute.HostTrust])
  {
    let name = registry.port == 443 ? registry.host : registry.hostPort
    guard let base = config.configPath else {
      facts.pullHosts = (config.legacyMirrors[name] ?? []) + ["https://\(name)"]
      let ca = config.legacyCAFiles[name].map { [$0] } ?? []
      facts.caFiles = ca
      facts.skipVerify = config.legacySkipVerify.contains(name)
      return (ca, facts.skipVerify, [:])
    }
    for directory in ["\(base)/\(name)", "\(base)/_default"] {
      let path = "\(directory)/hosts.toml"
      switch BoundedFile.read(path, limit: fileLimit) {
      case .failure(.missing):
        // No hosts.toml: containerd takes the directory's *.crt as CAs, docker-style.
        let crts = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
          $0.hasSuffix(".crt")
        }
        if !crts.isEmpty {
          facts.hostsFile = directory
          facts.caFiles = crts.sorted().map { "\(directory)/\($0)" }
          facts.pullHosts = ["https://\(name)"]
          return (facts.caFiles, false, [:])
        }
        continue
      case .failure(let failure):
        facts.files.append(.init(path: path, state: .unreadable, note: failure.description))
        facts.hostsFile = path
        facts.pullHosts = ["https://\(name)"]
        return ([], false, [:])
      case .success(let bytes):
        let hosts = ContainerdConfigParser.parseHosts(
          String(decoding: bytes, as: UTF8.self), path: path, directory: directory)
        facts.hostsFile = path
        facts.files.append(.init(path: path, state: hosts.parseError == nil ? .read : .invalid, note: hosts.parseError))
        let tried = hosts.pullHosts
        facts.pullHosts = tried.isEmpty ? ["https://\(name)"] : tried.map(\.url)
        // The registry's own entry decides its trust (its `[host."https://<registry>"]`, or the server's keys).
        let own = tried.first { ContainerdProbe.host(of: $0.url) == name } ?? tried.last
        facts.caFiles = own?.caFiles ?? []
        facts.skipVerify = own?.skipVerify ?? false
        var mirrors: [String: PullerRoute.HostTrust] = [:]
        for h in tried where ContainerdProbe.host(of: h.url) != name {
          mirrors[ContainerdProbe.host(of: h.url).lowercased()] = .init(caFiles: h.caFiles, skipVerify: h.skipVerify)
        }
        return (facts.caFiles, facts.skipVerify, mirrors)
      }
    }
    facts.pullHosts = ["https://\(name)"]
    return ([], false, [:])
  }

  /// containerd's installed package version (Debian's `containerd`, Docker's `containerd.io`) from dpkg's status
  /// file; nil elsewhere. Nothing found on the machine is executed to ask it.
  static func installedVersion(status: String = "/var/lib/dpkg/status") -> String? {
    guard case .success(let bytes) = BoundedFile.readPrefix(status, limit: 32 << 20) else { return nil }
    return DpkgStatus.installedVersion(of: ["containerd", "containerd.io"], in: String(decoding: bytes, as: UTF8.self))
  }

  /// `contoso.azurecr.io` of `https://contoso.azurecr.io/v2`.
  static func host(of url: String) -> String {
    var s = Substring(url)
    if let r = s.firstRange(of: "://") { s = s[r.upperBound...] }
    return String(s.split(separator: "/").first ?? s)
  }
}
