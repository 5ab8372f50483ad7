// Proxy URLs as HTTPS_PROXY, daemon.json or a systemd drop-in spell them, read the way Go's httpproxy does.

extension ProxyURL {
  /// Go's default ports when the URL has none (net/http's portMap): what dockerd and the docker CLI dial.
  static func defaultPort(for scheme: Scheme) -> Int {
    switch scheme {
    case .http: return 80
    case .https: return 443
    case .socks5, .socks5h: return 1080
    }
  }

  /// Parses `proxy:3128`, `http://proxy:3128`, `https://user:p%40ss@proxy`, `socks5://[::1]:1080`.
  /// No scheme means http, as Go reads it. The error message never contains the password.
  public static func parse(_ raw: String, source: String) throws(InputError) -> ProxyURL {
    let source = String(source.prefix(64))
    let text = raw.trimmingWhitespace
    func fail(_ reason: String) -> InputError {
      InputError("\(source) \(safeProxyDisplay(text)) is not a usable proxy URL: \(reason).")
    }
    if text.isEmpty {
      throw InputError("\(source) is empty; a proxy URL looks like http://proxy.example.com:3128.")
    }
    if text.utf8.count > 2048 { throw fail("it is longer than 2048 characters") }
    if let bad = text.unicodeScalars.first(where: {
      $0.properties.isWhitespace || $0.properties.generalCategory == .control
    }) {
      throw fail("it contains \(describeCharacter(bad))")
    }

    var rest = Substring(text)
    var scheme = Scheme.http
    if let range = rest.literalRange(of: "://") {
      let name = rest[..<range.lowerBound].lowercased()
      guard let known = Scheme(rawValue: name) else {
        throw fail(
          "the scheme \(quotedForMessage(name + "://", limit: 20)) is not one Docker supports (http, https, socks5)"
        )
      }
      scheme = known
      rest = rest[range.upperBound...]
    }
    // The authority ends at the path, query or fragment; Go ignores a path on a proxy URL, and so do we.
    if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      rest = rest[..<end]
    }

    var username: String?
    var password: String?
    if let at = rest.lastIndex(of: "@") {
      let userinfo = rest[..<at]
      rest = rest[rest.index(after: at)...]
      let user = userinfo.firstIndex(of: ":").map { userinfo[..<$0] } ?? userinfo
      guard let decodedUser = percentDecode(user) else {
        throw fail("the user name has a broken %-escape")
      }
      // `http://@proxy` carries no credentials at all.
      username = decodedUser.isEmpty && !userinfo.contains(":") ? nil : decodedUser
      if let colon = userinfo.firstIndex(of: ":") {
        guard let decoded = percentDecode(userinfo[userinfo.index(after: colon)...]) else {
          throw fail("the password has a broken %-escape")
        }
        password = decoded
      }
    }

    let parts: (host: Substring, port: Substring?)
    switch splitHostPort(rest) {
    case .success(let split): parts = split
    case .failure(let shape): throw fail(shape.reason)
    }
    let host = parts.host.lowercased()
    if host.isEmpty { throw fail("it has no host") }
    if rest.hasPrefix("[") && ipv6Bytes(host) == nil {
      throw fail("only an IPv6 address goes in brackets")
    }
    if let problem = hostNameProblem(host) { throw fail(problem) }
    var port = defaultPort(for: scheme)
    // Go accepts `proxy:` and uses the default port.
    if let portText = parts.port, !portText.isEmpty {
      guard let value = parsePort(portText) else {
        throw fail("the port must be a number from 1 to 65535")
      }
      port = value
    }
    return ProxyURL(
      scheme: scheme, host: host, port: port, username: username, password: password, source: source
    )
  }
}

/// A proxy value fit for a message even when it did not parse: everything up to the last `@` is hidden.
func safeProxyDisplay(_ text: String) -> String { quotedForMessage(maskedProxyText(text)) }

/// `http://***@proxy:3128` for any text with an `@`: whatever precedes it may be a password.
func maskedProxyText(_ text: String) -> String {
  guard let at = text.lastIndex(of: "@") else { return text }
  let scheme = text.literalRange(of: "://").flatMap {
    $0.upperBound <= at ? String(text[..<$0.upperBound]) : nil
  }
  let prefix = scheme ?? ""
  return prefix + "***" + String(text[at...])
}

/// RFC 3986 percent-decoding as Go's url.PathUnescape does for userinfo; nil on a broken escape or bad UTF-8.
func percentDecode(_ text: Substring) -> String? {
  var bytes: [UInt8] = []
  var iterator = text.utf8.makeIterator()
  while let byte = iterator.next() {
    guard byte == UInt8(ascii: "%") else {
      bytes.append(byte)
      continue
    }
    guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
    else { return nil }
    bytes.append(high << 4 | low)
  }
  return String(validating: bytes, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
  default: return nil
  }
}

extension ProxyEnvironment {
  /// What is wrong with the proxy variables, one redacted sentence each: values that do not parse, spellings that
  /// disagree (Go reads upper case first, curl lower case), NO_PROXY entries a client cannot use.
  public var problems: [String] {
    var found: [String] = []
    for name in [
      "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
    ] {
      guard let value = variables[name] else { continue }
      do { _ = try ProxyURL.parse(value, source: name) } catch { found.append(error.message) }
    }
    for (upper, lower) in [
      ("HTTPS_PROXY", "https_proxy"), ("HTTP_PROXY", "http_proxy"), ("NO_PROXY", "no_proxy"),
    ] {
      if let a = variables[upper], let b = variables[lower],
        a.trimmingWhitespace != b.trimmingWhitespace
      {
        found.append(
          "\(upper) and \(lower) differ: Go programs such as docker read \(upper) first, curl reads \(lower) first."
        )
      }
    }
    if variables["HTTPS_PROXY"] == nil && variables["https_proxy"] == nil
      && (variables["ALL_PROXY"] != nil || variables["all_proxy"] != nil)
    {
      found.append(
        "Only ALL_PROXY is set: curl uses it, but Go programs such as docker ignore it; set HTTPS_PROXY too."
      )
    }
    for name in ["NO_PROXY", "no_proxy"] {
      guard let value = variables[name] else { continue }
      found += noProxyProblems(name: name, value: value)
    }
    return Array(found.prefix(20))
  }

  private func noProxyProblems(name: String, value: String) -> [String] {
    var found: [String] = []
    for raw in value.split(separator: ",", maxSplits: 200).prefix(200) {
      let entry = raw.trimmingWhitespace
      if entry.isEmpty { continue }
      let shown = quotedForMessage(entry)
      if entry.contains("://") || entry.contains("@") {
        found.append(
          "\(name) entry \(shown) is a URL; \(name) takes host names, domains, IPs or CIDRs.")
      } else if entry.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" }) {
        found.append(
          "\(name) entry \(shown) contains a blank; separate entries with commas only (curl stops there)."
        )
      } else if entry.contains("/") && parseCIDR(entry.lowercased()) == nil {
        found.append("\(name) entry \(shown) is not a valid CIDR such as 10.0.0.0/8.")
      } else if entry.hasPrefix("*.") {
        found.append(
          "\(name) entry \(shown) works for Go (docker) but not for curl; write \(quotedForMessage(String(entry.dropFirst()))) instead."
        )
      } else if entry.contains("*") && entry != "*" {
        found.append(
          "\(name) entry \(shown) has a wildcard that neither Go nor curl understands; use a domain suffix like .example.com."
        )
      } else if entry == "*" && value.trimmingWhitespace != "*" {
        found.append(
          "\(name) contains '*' among other entries: Go then bypasses the proxy for every host, curl ignores it."
        )
      }
    }
    return found
  }
}
