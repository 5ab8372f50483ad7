// containerd's registry settings: /etc/containerd/config.toml (version 1, 2 and 3) and the hosts.toml of
// /etc/containerd/certs.d/<host>/. Read with TOMLReader; whatever does not parse becomes a sentence, never a throw.

/// What config.toml says about pulls.
public struct ContainerdConfigFacts: Sendable, Equatable {
  /// 1 (no `version`), 2 or 3.
  public var version: Int = 1
  /// The CRI plugin is loaded: the kubelet pulls through containerd, with containerd's own proxy and trust.
  /// Docker's containerd (`disabled_plugins = ["cri"]`) stores images only; dockerd makes its pulls.
  public var criEnabled = true
  /// The CRI registry's `config_path`: where hosts.toml directories are looked up. nil: none configured.
  public var configPath: String?
  /// Deprecated `registry.mirrors."host".endpoint` (ignored by containerd when `config_path` is set).
  public var legacyMirrors: [String: [String]] = [:]
  /// Deprecated `registry.configs."host".tls`: `ca_file` and `insecure_skip_verify`.
  public var legacyCAFiles: [String: String] = [:]
  public var legacySkipVerify: Set<String> = []
  /// Deprecated `registry.configs."host".auth` is present (its values are never read).
  public var legacyAuthHosts: Set<String> = []
  /// The file is not TOML regdoctor reads, or a setting has the wrong type: containerd refuses such a file.
  public var parseError: String?

  public init() {}
}

/// One `[host."…"]` of hosts.toml (or the `server` itself).
public struct ContainerdRegistryHost: Sendable, Equatable {
  public var url: String
  public var capabilities: [String]
  /// CA files, made absolute against the host's directory as containerd does.
  public var caFiles: [String]
  public var skipVerify: Bool

  public init(url: String, capabilities: [String], caFiles: [String], skipVerify: Bool) {
    self.url = url
    self.capabilities = capabilities
    self.caFiles = caFiles
    self.skipVerify = skipVerify
  }

  public var pulls: Bool { capabilities.contains("pull") }
}

/// /etc/containerd/certs.d/<host>/hosts.toml.
public struct ContainerdHostsFile: Sendable, Equatable {
  public var path: String
  public var server: String?
  /// In the file's order (containerd tries them in that order, then the server).
  public var hosts: [ContainerdRegistryHost] = []
  /// The server's own `ca` and `skip_verify` (top-level keys).
  public var serverCAFiles: [String] = []
  public var serverSkipVerify = false
  public var parseError: String?

  public init(path: String) { self.path = path }

  /// The hosts a pull tries, in order: the mirrors that may pull, then the server.
  public var pullHosts: [ContainerdRegistryHost] {
    var all = hosts.filter(\.pulls)
    if let server, !all.contains(where: { $0.url == server }) {
      all.append(
        ContainerdRegistryHost(
          url: server, capabilities: ["pull", "resolve", "push"], caFiles: serverCAFiles,
          skipVerify: serverSkipVerify))
    }
    return all
  }
}

public enum ContainerdConfigParser {
  /// The CRI plugin's registry table for each config version.
  static func criRegistry(_ document: TOMLValue, version: Int) -> TOMLValue? {
    switch version {
    case 3: document[["plugins", "io.containerd.cri.v1.images", "registry"]]
    case 2: document[["plugins", "io.containerd.grpc.v1.cri", "registry"]]
    default: document[["plugins", "cri", "registry"]]
    }
  }

  public static func parseConfig(_ text: String, path: String) -> ContainerdConfigFacts {
    var facts = ContainerdConfigFacts()
    let document: TOMLValue
    switch TOMLReader.parse(text) {
    case .failure(let error):
      facts.parseError = "\(path) is not TOML regdoctor can read (\(error.sentence)): containerd would refuse it"
      return facts
    case .success(let d): document = d
    }
    if let version = document[["version"]] {
      guard let number = version.integer, (1...3).contains(number) else {
        facts.parseError = "\(path): version must be 1, 2 or 3"
        return facts
      }
      facts.version = number
    }
    if let disabled = document[["disabled_plugins"]] {
      guard let names = disabled.strings else {
        facts.parseError = "\(path): disabled_plugins must be a list of strings"
        return facts
      }
      let cri: Set<String> = ["cri", "io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images"]
      facts.criEnabled = !names.contains(where: cri.contains)
    }
    guard let registry = criRegistry(document, version: facts.version) else { return facts }
    if let configPath = registry[["config_path"]] {
      guard let value = configPath.string else {
        facts.parseError = "\(path): registry.config_path must be a string"
        return facts
      }
      facts.configPath = value.isEmpty ? nil : value
    }
    for (host, mirror) in registry[["mirrors"]]?.table ?? [:] {
      facts.legacyMirrors[host] = mirror[["endpoint"]]?.strings ?? []
    }
    for (host, config) in registry[["configs"]]?.table ?? [:] {
      if let ca = config[["tls", "ca_file"]]?.string, !ca.isEmpty { facts.legacyCAFiles[host] = ca }
      if config[["tls", "insecure_skip_verify"]]?.boolean == true { facts.legacySkipVerify.insert(host) }
      if config[["auth"]] != nil { facts.legacyAuthHosts.insert(host) }
    }
    return facts
  }

  /// hosts.toml in `directory` (relative `ca` paths are taken against it, as containerd does).
  public static func parseHosts(_ text: String, path: String, directory: String) -> ContainerdHostsFile {
    var file = ContainerdHostsFile(path: path)
    let document: TOMLValue
    switch TOMLReader.parse(text) {
    case .failure(let error):
      file.parseError = "\(path) is not TOML regdoctor can read (\(error.sentence)): containerd ignores the file"
      return file
    case .success(let d): document = d
    }
    func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : directory + "/" + p }
    func invalid(_ what: String) -> ContainerdHostsFile {
      var broken = ContainerdHostsFile(path: path)
      broken.parseError = "\(path): \(what)"
      return broken
    }
    if let server = document[["server"]] {
      guard let s = server.string else { return invalid("server must be a string (a URL)") }
      file.server = s
    }
    if let ca = document[["ca"]] {
      guard let files = ca.strings else { return invalid("ca must be a path or a list of paths") }
      file.serverCAFiles = files.map(absolute)
    }
    file.serverSkipVerify = document[["skip_verify"]]?.boolean ?? false
    // TOML tables have no order; containerd keeps the file's. The order of the `[host."…"]` headers is read
    // from the text itself (a header per line), so the mirrors are tried as containerd tries them.
    let order = hostHeaderOrder(text)
    if let value = document[["host"]], value.table == nil { return invalid("host must be a table ([host.\"…\"])") }
    let hosts = document[["host"]]?.table ?? [:]
    for url in hosts.keys.sorted(by: { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }) {
      guard let entry = hosts[url]?.table else { return invalid("host.\"\(url)\" must be a table") }
      var capabilities = ["pull", "resolve"]
      if let value = entry["capabilities"] {
        guard value.array != nil, let names = value.strings else {
          return invalid("host.\"\(url)\".capabilities must be a list of strings")
        }
        capabilities = names
      }
      var caFiles: [String] = []
      if let value = entry["ca"] {
        guard let files = value.strings else { return invalid("host.\"\(url)\".ca must be a path or a list") }
        caFiles = files.map(absolute)
      }
      file.hosts.append(
        ContainerdRegistryHost(
          url: url, capabilities: capabilities, caFiles: caFiles, skipVerify: entry["skip_verify"]?.boolean ?? false))
    }
    return file
  }

  /// `[host."https://mirror"]` header lines, by their position in the text.
  static func hostHeaderOrder(_ text: String) -> [String: Int] {
    var order: [String: Int] = [:]
    for (n, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
      let line = raw.trimmingWhitespace
      guard line.hasPrefix("[host."), line.hasSuffix("]") else { continue }
      var name = line.dropFirst("[host.".count).dropLast()
      if name.hasPrefix("\"") || name.hasPrefix("'") { name = name.dropFirst().dropLast() }
      if order[String(name)] == nil { order[String(name)] = n }
    }
    return order
  }
}
