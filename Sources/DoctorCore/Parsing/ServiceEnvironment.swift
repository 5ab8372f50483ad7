// A daemon's environment, from the two places it can be learnt: the systemd unit's drop-ins (`Environment=`,
// `EnvironmentFile=`), which say what the next start will use, and /proc/PID/environ, which says what the
// running process uses. Both reduced to the proxy variables, stored redacted except where a probe needs them.

/// The proxy variables of one environment, raw (credentials included: for the probe only, never shown).
public struct ProxyVariables: Sendable, Equatable {
  public var httpsProxy: String?
  public var httpProxy: String?
  public var noProxy: String?

  public init(httpsProxy: String? = nil, httpProxy: String? = nil, noProxy: String? = nil) {
    self.httpsProxy = httpsProxy
    self.httpProxy = httpProxy
    self.noProxy = noProxy
  }

  /// Go's lookup (httpproxy.getEnvAny): the upper-case name first, then the lower-case; an empty value is no
  /// value, so an empty HTTPS_PROXY lets https_proxy through.
  public init(environment: [String: String]) {
    func pick(_ name: String) -> String? {
      [name, name.lowercased()].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
    self.init(httpsProxy: pick("HTTPS_PROXY"), httpProxy: pick("HTTP_PROXY"), noProxy: pick("NO_PROXY"))
  }

  public var isEmpty: Bool { httpsProxy == nil && httpProxy == nil && noProxy == nil }

  /// The form every report shows: proxy credentials masked.
  public var redacted: ProxyVariables {
    ProxyVariables(
      httpsProxy: httpsProxy.flatMap { DaemonProxyConfigParser.redactedProxy($0, source: "HTTPS_PROXY") },
      httpProxy: httpProxy.flatMap { DaemonProxyConfigParser.redactedProxy($0, source: "HTTP_PROXY") },
      noProxy: noProxy.flatMap(DaemonProxyConfigParser.redactedNoProxy))
  }

  /// As environment variables, for ProxyEnvironment (Go's rules).
  public var environment: [String: String] {
    ["HTTPS_PROXY": httpsProxy ?? "", "HTTP_PROXY": httpProxy ?? "", "NO_PROXY": noProxy ?? ""]
  }
}

/// What one drop-in (or unit file) sets in `[Service]`.
public struct ServiceEnvironmentLines: Sendable, Equatable {
  public var assignments: [String: String] = [:]
  /// `EnvironmentFile=` paths in order; `-path` (missing is fine) has `optional`.
  public var environmentFiles: [(path: String, optional: Bool)] = []
  /// `Environment=` with nothing cleared the list set so far (by earlier files too).
  public var resets = false
  public var errors: [String] = []

  public init() {}

  public static func == (a: Self, b: Self) -> Bool {
    a.assignments == b.assignments && a.resets == b.resets && a.errors == b.errors
      && a.environmentFiles.map(\.path) == b.environmentFiles.map(\.path)
  }
}

public enum ServiceEnvironmentParser {
  /// `[Service]` `Environment=` and `EnvironmentFile=` of a unit file or drop-in, with systemd's quoting.
  public static func parseUnit(_ text: String, path: String) -> ServiceEnvironmentLines {
    var result = ServiceEnvironmentLines()
    guard text.utf8.count <= DaemonProxyConfigParser.maxBytes else {
      result.errors.append("\(path) is larger than 1 MiB")
      return result
    }
    var section = ""
    for (number, line) in DaemonProxyConfigParser.unitLines(text) {
      if line.hasPrefix("[") {
        section = line.hasSuffix("]") ? String(line.dropFirst().dropLast()) : ""
        continue
      }
      guard section == "Service", let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingWhitespace
      let value = line[line.index(after: equals)...].trimmingWhitespace
      switch key {
      case "Environment":
        if value.isEmpty {
          result.assignments = [:]
          result.resets = true
          continue
        }
        switch DaemonProxyConfigParser.splitSystemdWords(value) {
        case .success(let words):
          for word in words {
            guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { continue }
            result.assignments[String(word[..<eq])] = String(word[word.index(after: eq)...])
          }
        case .failure(let problem):
          result.errors.append("\(path) line \(number): \(problem.reason); systemd ignores this Environment= line.")
        }
      case "EnvironmentFile":
        if value.isEmpty {
          result.environmentFiles = []
          continue
        }
        let optional = value.hasPrefix("-")
        result.environmentFiles.append((optional ? String(value.dropFirst()) : value, optional))
      default: continue
      }
    }
    return result
  }

  /// An EnvironmentFile: `KEY=VALUE` lines, `#`/`;` comments, values optionally quoted, `export ` tolerated.
  public static func parseEnvironmentFile(_ text: String) -> [String: String] {
    var environment: [String: String] = [:]
    for raw in text.split(whereSeparator: \.isNewline).prefix(10_000) {
      var line = raw.trimmingWhitespace
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingWhitespace }
      guard let eq = line.firstIndex(of: "="), eq != line.startIndex else { continue }
      let key = line[..<eq].trimmingWhitespace
      var value = line[line.index(after: eq)...].trimmingWhitespace
      if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
        value = String(value.dropFirst().dropLast())
      }
      environment[key] = value
    }
    return environment
  }

  /// /proc/PID/environ: NUL-separated `KEY=VALUE`.
  public static func parseProcEnviron(_ bytes: [UInt8]) -> [String: String] {
    var environment: [String: String] = [:]
    for entry in bytes.split(separator: 0, omittingEmptySubsequences: true) {
      guard let eq = entry.firstIndex(of: UInt8(ascii: "=")), eq != entry.startIndex else { continue }
      let key = String(decoding: entry[entry.startIndex..<eq], as: UTF8.self)
      environment[key] = String(decoding: entry[(eq + 1)...], as: UTF8.self)
    }
    return environment
  }

  /// /proc/PID/cmdline: NUL-separated arguments.
  public static func parseCmdline(_ bytes: [UInt8]) -> [String] {
    bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
      .filter { !$0.isEmpty }
  }

  /// The value of `--config X`, `--config=X`, `-c X` in a daemon's arguments.
  public static func option(_ names: [String], in arguments: [String]) -> String? {
    for (i, a) in arguments.enumerated() {
      for name in names {
        if a == name, i + 1 < arguments.count { return arguments[i + 1] }
        if a.hasPrefix(name + "=") { return String(a.dropFirst(name.count + 1)) }
      }
    }
    return nil
  }
}
