// podman's and CRI-O's registry settings (containers/image): /etc/containers/registries.conf and
// registries.conf.d/*.conf (version 2: [[registry]] with location, prefix, insecure, blocked, [[registry.mirror]]),
// and containers.conf's `[engine] env` (podman's own proxy, added to the shell's environment for the names the
// shell does not set).

public struct ContainersRegistry: Sendable, Equatable {
  public var prefix: String
  public var location: String
  public var insecure: Bool
  public var blocked: Bool
  public var mirrors: [String]
  /// The file that set it (later files of registries.conf.d replace an entry with the same prefix).
  public var source: String

  public init(prefix: String, location: String, insecure: Bool, blocked: Bool, mirrors: [String], source: String) {
    self.prefix = prefix
    self.location = location
    self.insecure = insecure
    self.blocked = blocked
    self.mirrors = mirrors
    self.source = source
  }
}

public struct ContainersRegistriesFacts: Sendable, Equatable {
  public var registries: [ContainersRegistry] = []
  public var unqualifiedSearch: [String] = []
  /// One sentence per file that does not parse (containers/image then refuses every pull).
  public var parseErrors: [String] = []

  public init() {}

  /// The entry whose prefix matches the image reference's repository best (the longest prefix), as
  /// containers/image picks it. `host` alone matches `host/…`; a `*.example.com` prefix matches subdomains.
  public func registry(for host: String) -> ContainersRegistry? {
    registries.filter { r in
      let p = r.prefix.isEmpty ? r.location : r.prefix
      if p.hasPrefix("*.") { return host.hasSuffix(String(p.dropFirst())) }
      return p == host || p.hasPrefix(host + "/")
    }.max { $0.prefix.count < $1.prefix.count }
  }
}

public enum ContainersConfigParser {
  /// Reads one registries.conf (or a .d file) into `facts`, replacing entries with the same prefix.
  public static func mergeRegistries(_ text: String, path: String, into facts: inout ContainersRegistriesFacts) {
    let document: TOMLValue
    switch TOMLReader.parse(text) {
    case .failure(let error):
      facts.parseErrors.append("\(path) is not TOML regdoctor can read (\(error.sentence)): podman refuses to pull")
      return
    case .success(let d): document = d
    }
    if document[["registries"]]?.table != nil {
      facts.parseErrors.append(
        "\(path) is a version 1 registries.conf ([registries.search]): regdoctor reads version 2 only")
      return
    }
    if let search = document[["unqualified-search-registries"]] {
      guard let names = search.strings else {
        facts.parseErrors.append("\(path): unqualified-search-registries must be a list of strings")
        return
      }
      facts.unqualifiedSearch = names
    }
    guard let entries = document[["registry"]] else { return }
    guard let list = entries.array else {
      facts.parseErrors.append("\(path): registry must be an array of tables ([[registry]])")
      return
    }
    for item in list {
      guard let table = item.table else { continue }
      let location = table["location"]?.string ?? ""
      let prefix = table["prefix"]?.string ?? location
      guard !prefix.isEmpty else {
        facts.parseErrors.append("\(path): a [[registry]] has neither location nor prefix")
        continue
      }
      let mirrors = (table["mirror"]?.array ?? []).compactMap { $0.table?["location"]?.string }
      let entry = ContainersRegistry(
        prefix: prefix, location: location, insecure: table["insecure"]?.boolean ?? false,
        blocked: table["blocked"]?.boolean ?? false, mirrors: mirrors, source: path)
      facts.registries.removeAll { $0.prefix == prefix }
      facts.registries.append(entry)
    }
  }

  /// containers.conf `[engine] env = ["https_proxy=…"]`: the variables podman adds to its environment; nil when
  /// the file has no `[engine] env` (an earlier file's list then stands). A sentence when the file does not parse.
  public static func engineEnvironment(_ text: String, path: String) -> (environment: [String: String]?, error: String?)
  {
    switch TOMLReader.parse(text) {
    case .failure(let error):
      return (nil, "\(path) is not TOML regdoctor can read (\(error.sentence)): podman refuses to start")
    case .success(let document):
      guard let env = document[["engine", "env"]] else { return (nil, nil) }
      guard let words = env.strings else { return (nil, "\(path): [engine] env must be a list of strings") }
      var environment: [String: String] = [:]
      // containers/common warns about and skips an entry without `=`.
      for word in words {
        guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { continue }
        environment[String(word[..<eq])] = String(word[word.index(after: eq)...])
      }
      return (environment, nil)
    }
  }

  /// podman's environment: the shell's, plus each containers.conf `[engine] env` variable whose exact name the
  /// shell does not set. containers/common 0.50 (podman 4.3, config.go setupEnv) skips a name `os.LookupEnv`
  /// finds, even set to the empty string; names differ by case, so a file's HTTPS_PROXY still shadows the
  /// shell's https_proxy (Go reads the upper-case name first). Also returns the names the file did set.
  public static func podmanEnvironment(shell: [String: String], engine: [String: String]) -> (
    environment: [String: String], fromFile: Set<String>
  ) {
    let added = engine.filter { shell[$0.key] == nil }
    return (shell.merging(added) { own, _ in own }, Set(added.keys))
  }
}
