import FoundationEssentials

// Where dockerd's proxy comes from: /etc/docker/daemon.json `proxies` (Docker 23+) and systemd drop-ins
// (`Environment="HTTPS_PROXY=…"` in docker.service.d/*.conf); and daemon.json `registry-mirrors`, the hosts it
// tries first for Docker Hub pulls. Values are stored redacted, never raw.

public enum DaemonProxyConfigParser {
  static let maxBytes = 1024 * 1024

  /// Reads daemon.json. Text that dockerd could not parse gives a source with `parseError` saying where
  /// (`line 4, column 3: trailing comma before '}'`): dockerd refuses to start with such a file.
  public static func parseDaemonJSON(path: String, text: String) -> DaemonProxySource {
    func failure(_ reason: String) -> DaemonProxySource {
      DaemonProxySource(
        path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil,
        parseError: "\(path) is not valid JSON, so dockerd will not start: \(reason).")
    }
    guard text.utf8.count <= maxBytes else { return failure("it is larger than 1 MiB") }
    var body = text
    if body.hasPrefix("\u{FEFF}") { body.removeFirst() }  // A BOM from a Windows editor.
    // dockerd treats an empty or blank daemon.json as no configuration.
    if body.trimmingWhitespace.isEmpty {
      return DaemonProxySource(path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil)
    }
    if let syntax = StrictJSONChecker.check(body) { return failure(syntax.sentence) }
    guard let object = JSONAny.parse(body.utf8) as? [String: Any]
    else {
      return failure("the top level must be an object ({ … })")
    }
    var mirrors: [String]?
    if let value = object["registry-mirrors"] {
      // dockerd refuses to start when it is not a list of strings.
      guard let list = value as? [Any], let strings = list as? [String] else {
        return DaemonProxySource(
          path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil,
          parseError: "\(path): \"registry-mirrors\" must be a list of URLs (strings), so dockerd will not start.")
      }
      mirrors = strings.map { redactSecrets(shownText($0, keepNewlines: false)) }
    }
    guard let proxies = object["proxies"] else {
      return DaemonProxySource(path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil, registryMirrors: mirrors)
    }
    guard let settings = proxies as? [String: Any] else {
      return DaemonProxySource(
        path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil,
        parseError:
          "\(path): \"proxies\" must be an object with \"http-proxy\", \"https-proxy\" and \"no-proxy\".",
        registryMirrors: mirrors)
    }
    var values: [String: String] = [:]
    for key in ["http-proxy", "https-proxy", "no-proxy"] {
      guard let value = settings[key] else { continue }
      guard let string = value as? String else {
        return DaemonProxySource(
          path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil,
          parseError: "\(path): \"proxies\".\"\(key)\" must be a string.", registryMirrors: mirrors)
      }
      values[key] = string
    }
    return DaemonProxySource(
      path: path,
      httpProxy: values["http-proxy"].flatMap { redactedProxy($0, source: "http-proxy") },
      httpsProxy: values["https-proxy"].flatMap { redactedProxy($0, source: "https-proxy") },
      noProxy: values["no-proxy"].flatMap(redactedNoProxy), registryMirrors: mirrors)
  }

  /// Reads a systemd unit drop-in. nil when the text has no `[Service]` section or sets none of the proxy
  /// variables there. Later assignments win; for each variable the upper-case spelling wins, as in Go.
  public static func parseSystemdDropIn(path: String, text: String) -> DaemonProxySource? {
    guard text.utf8.count <= maxBytes else { return nil }
    var environment: [String: String] = [:]
    var sawService = false
    var errors: [String] = []
    var section = ""
    for (number, line) in unitLines(text) {
      if line.hasPrefix("[") {
        section = line.hasSuffix("]") ? String(line.dropFirst().dropLast()) : ""
        sawService = sawService || section == "Service"
        continue
      }
      guard section == "Service", let equals = line.firstIndex(of: "=") else { continue }
      guard line[..<equals].trimmingWhitespace == "Environment" else { continue }
      let value = line[line.index(after: equals)...].trimmingWhitespace
      if value.isEmpty {
        environment = [:]  // `Environment=` with nothing resets the list.
        continue
      }
      switch splitSystemdWords(value) {
      case .success(let words):
        for word in words {
          // A word without NAME= is not an assignment; systemd ignores it.
          guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { continue }
          environment[String(word[..<eq])] = String(word[word.index(after: eq)...])
        }
      case .failure(let problem):
        errors.append(
          "\(path) line \(number): \(problem.reason); systemd ignores this Environment= line.")
      }
    }
    guard sawService else { return nil }
    func pick(_ upper: String) -> (String, String)? {
      if let value = environment[upper] { return (upper, value) }
      if let value = environment[upper.lowercased()] { return (upper.lowercased(), value) }
      return nil
    }
    let http = pick("HTTP_PROXY")
    let https = pick("HTTPS_PROXY")
    let no = pick("NO_PROXY")
    if http == nil && https == nil && no == nil && errors.isEmpty { return nil }
    return DaemonProxySource(
      path: path, httpProxy: http.flatMap { redactedProxy($0.1, source: $0.0) },
      httpsProxy: https.flatMap { redactedProxy($0.1, source: $0.0) },
      noProxy: no.flatMap { redactedNoProxy($0.1) },
      parseError: errors.first)
  }

  /// Logical lines of a unit file with their first line number: comments (`#`, `;`) and blanks dropped,
  /// a trailing backslash joins the next line.
  static func unitLines(_ text: String) -> [(Int, String)] {
    var lines: [(Int, String)] = []
    var pending = ""
    var pendingStart = 0
    for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = raw.trimmingWhitespace
      if pending.isEmpty && (line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";")) {
        continue
      }
      if pending.isEmpty { pendingStart = offset + 1 }
      if line.hasSuffix("\\") {
        pending += line.dropLast() + " "
        continue
      }
      lines.append((pendingStart, pending + line))
      pending = ""
    }
    if !pending.isEmpty { lines.append((pendingStart, pending)) }
    return lines
  }

  /// systemd's extract_first_word with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE: words split on blanks, `"…"` and `'…'`
  /// quote anywhere in a word, backslash escapes (C escapes) inside and outside quotes, `%%` is a literal `%`.
  static func splitSystemdWords(_ text: String) -> Result<[String], HostShapeError> {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var iterator = text.makeIterator()
    while let c = iterator.next() {
      if quote == nil && (c == " " || c == "\t") {
        if inWord { words.append(word) }
        word = ""
        inWord = false
        continue
      }
      inWord = true
      switch c {
      case "\\":
        guard let next = iterator.next() else {
          return .failure(HostShapeError("it ends with a lone backslash"))
        }
        word.append(cUnescape(next))
      case "\"", "'":
        if quote == nil {
          quote = c
        } else if quote == c {
          quote = nil
        } else {
          word.append(c)  // A ' inside "…" (or the reverse) is an ordinary character.
        }
      case "%":
        // Specifiers: `%%` is a percent sign; others (%n, %i…) expand to unit names and are kept as written.
        var copy = iterator
        if copy.next() == "%" { _ = iterator.next() }
        word.append("%")
      default:
        word.append(c)
      }
    }
    if quote != nil { return .failure(HostShapeError("a quote is not closed")) }
    if inWord { words.append(word) }
    return .success(words)
  }

  private static func cUnescape(_ c: Character) -> Character {
    switch c {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    default: return c
    }
  }

  static func redactedProxy(_ value: String, source: String) -> String? {
    if value.trimmingWhitespace.isEmpty { return nil }
    if let parsed = try? ProxyURL.parse(value, source: source) { return parsed.redacted }
    return maskedProxyText(redactSecrets(value))
  }

  static func redactedNoProxy(_ value: String) -> String? {
    value.trimmingWhitespace.isEmpty ? nil : redactSecrets(value)
  }
}
