// Which proxy a client picks for an https endpoint, and which NO_PROXY entry sends it direct, under the two rule
// sets that matter: Go's (golang.org/x/net/http/httpproxy: dockerd, the docker CLI, kubelet's pulls) and curl's
// (Curl_check_noproxy, detect_proxy: curl and most shell tools).

public enum ProxyRules: Sendable, Equatable {
  case go, curl
}

extension ProxyEnvironment {
  /// The proxy variable each rule set reads for an https request, in the order it reads them.
  static func proxyVariables(_ rules: ProxyRules) -> [String] {
    switch rules {
    // Go reads HTTPS_PROXY only for https, upper case first, and knows no ALL_PROXY.
    case .go: return ["HTTPS_PROXY", "https_proxy"]
    // curl: the lower-case protocol variable first, then upper case, then all_proxy / ALL_PROXY.
    case .curl: return ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    }
  }

  static func noProxyVariables(_ rules: ProxyRules) -> [String] {
    rules == .go ? ["NO_PROXY", "no_proxy"] : ["no_proxy", "NO_PROXY"]
  }

  /// The (name, value) of the first set variable in `names`.
  func firstSet(_ names: [String]) -> (name: String, value: String)? {
    for name in names { if let value = variables[name] { return (name, value) } }
    return nil
  }

  /// The proxy a client under `rules` would use to reach `endpoint` over https, nil for a direct connection.
  /// A value that does not parse counts as no proxy (Go drops it silently; `problems` reports it).
  public func proxyURL(for endpoint: Endpoint, rules: ProxyRules) -> ProxyURL? {
    guard let configured = configuredProxy(rules) else { return nil }
    // Go never proxies loopback, whatever NO_PROXY says.
    if rules == .go && Self.isLoopbackHost(endpoint.host) { return nil }
    return bypassEntry(for: endpoint, rules: rules) == nil ? configured : nil
  }

  static func isLoopbackHost(_ host: String) -> Bool {
    host.lowercased() == "localhost" || parseIPBytes(host).map(isLoopback) ?? false
  }

  /// What Go and curl would each do for `endpoint`, and the NO_PROXY entry that sent it direct when a proxy was set.
  public func decision(for endpoint: Endpoint) -> ProxyDecision {
    var bypassedBy: String?
    for rules in [ProxyRules.go, .curl] where configuredProxy(rules) != nil && bypassedBy == nil {
      bypassedBy = bypassEntry(for: endpoint, rules: rules)
    }
    return ProxyDecision(
      go: proxyURL(for: endpoint, rules: .go)?.redacted,
      curl: proxyURL(for: endpoint, rules: .curl)?.redacted,
      bypassedBy: bypassedBy)
  }

  func configuredProxy(_ rules: ProxyRules) -> ProxyURL? {
    guard let (name, value) = firstSet(Self.proxyVariables(rules)) else { return nil }
    return try? ProxyURL.parse(value, source: name)
  }

  /// The NO_PROXY entry that makes `endpoint` go direct under `rules`, nil when none matches.
  func bypassEntry(for endpoint: Endpoint, rules: ProxyRules) -> String? {
    let host = endpoint.host.lowercased()
    let noProxy = firstSet(Self.noProxyVariables(rules))?.value ?? ""
    switch rules {
    case .go:
      return GoNoProxy(noProxy).match(host: host, port: String(endpoint.port))
    case .curl:
      return CurlNoProxy.match(host: host, noProxy: noProxy)
    }
  }
}

// MARK: Go

/// httpproxy's config.init and useProxy, entry by entry, keeping the text of each entry to name it.
struct GoNoProxy {
  enum Matcher {
    case all
    case cidr(network: [UInt8], bits: Int)
    case ip([UInt8], port: String)
    /// `host` always starts with a dot; `matchHost` when the entry had none (so it also matches itself).
    case domain(host: String, port: String, matchHost: Bool)
  }
  var ipMatchers: [(entry: String, matcher: Matcher)] = []
  var domainMatchers: [(entry: String, matcher: Matcher)] = []

  init(_ noProxy: String) {
    // At most 1000 entries are read (maxSplits keeps a hostile list from being split whole).
    for raw in noProxy.split(separator: ",", maxSplits: 1000, omittingEmptySubsequences: true)
      .prefix(1000)
    {
      let entry = raw.trimmingWhitespace.lowercased()
      if entry.isEmpty { continue }
      if entry == "*" {
        ipMatchers = [("*", .all)]
        domainMatchers = [("*", .all)]
        return
      }
      if let (network, bits) = parseCIDR(entry) {
        ipMatchers.append((entry, .cidr(network: network, bits: bits)))
        continue
      }
      var host = entry
      var port = ""
      if let split = goSplitHostPort(entry) {
        if split.host.isEmpty { continue }  // `:80`: no host part, Go ignores it.
        (host, port) = split
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
      }
      if let ip = parseIPBytes(host) {
        ipMatchers.append((entry, .ip(ip, port: port)))
        continue
      }
      if host.isEmpty { continue }
      if host.hasPrefix("*.") { host.removeFirst() }
      let matchHost = !host.hasPrefix(".")
      if matchHost { host = "." + host }
      domainMatchers.append((entry, .domain(host: host, port: port, matchHost: matchHost)))
    }
  }

  /// The entry that matches, nil when the proxy is used. `host` is lower-case, without brackets.
  func match(host: String, port: String) -> String? {
    let ip = parseIPBytes(host)
    if let ip {
      for (entry, matcher) in ipMatchers where Self.matches(matcher, host: host, port: port, ip: ip) { return entry }
    }
    for (entry, matcher) in domainMatchers
    where Self.matches(matcher, host: host, port: port, ip: ip) {
      return entry
    }
    return nil
  }

  private static func matches(_ matcher: Matcher, host: String, port: String, ip: [UInt8]?) -> Bool {
    switch matcher {
    case .all: return true
    case .cidr(let network, let bits):
      guard let ip else { return false }
      return cidrContains(network: network, bits: bits, ip: ip)
    case .ip(let address, let entryPort):
      return ip == address && (entryPort.isEmpty || entryPort == port)
    case .domain(let suffix, let entryPort, let matchHost):
      let hit = host.hasSuffix(suffix) || (matchHost && host == suffix.dropFirst())
      return hit && (entryPort.isEmpty || entryPort == port)
    }
  }
}

/// net.SplitHostPort: nil when there is no port (`example.com`) or too many colons (`::1`).
func goSplitHostPort(_ text: String) -> (host: String, port: String)? {
  if text.hasPrefix("[") {
    guard let close = text.firstIndex(of: "]") else { return nil }
    let after = text[text.index(after: close)...]
    guard after.hasPrefix(":") else { return nil }
    let host = String(text[...close])
    let port = String(after.dropFirst())
    return port.contains(":") || port.contains("]") ? nil : (host, port)
  }
  guard let colon = text.lastIndex(of: ":") else { return nil }
  let host = String(text[..<colon])
  if host.contains(":") || host.contains("[") || host.contains("]") { return nil }
  return (host, String(text[text.index(after: colon)...]))
}

// MARK: curl

/// Curl_check_noproxy (curl ≥ 7.86): `*` alone matches all; otherwise entries separated by commas (and blanks)
/// are domain suffixes with an optional leading dot, or IPs/CIDRs when the host is an IP literal.
enum CurlNoProxy {
  static func match(host rawHost: String, noProxy: String) -> String? {
    if rawHost.isEmpty || noProxy.isEmpty { return nil }
    if noProxy == "*" { return "*" }
    let ip = parseIPBytes(rawHost)
    var host = Substring(rawHost)
    if ip == nil, host.hasSuffix(".") { host = host.dropLast() }
    let host16 = host.lowercased()

    var scalars = Substring(noProxy).unicodeScalars[...]
    var tokensSeen = 0
    while !scalars.isEmpty && tokensSeen < 1000 {
      tokensSeen += 1
      scalars = scalars.drop(while: isBlank)
      let tokenScalars = scalars.prefix(while: { !isBlank($0) && $0 != "," })
      scalars = scalars.dropFirst(tokenScalars.count)
      let token = String(String.UnicodeScalarView(tokenScalars))
      if !token.isEmpty {
        if let ip {
          if tokenMatchesIP(token, ip: ip) { return token }
        } else {
          var pattern = Substring(token)
          if pattern.hasSuffix(".") { pattern = pattern.dropLast() }
          if pattern.hasPrefix(".") { pattern = pattern.dropFirst() }
          let lowered = pattern.lowercased()
          if !lowered.isEmpty && (host16 == lowered || host16.hasSuffix("." + lowered)) {
            return token
          }
        }
      }
      scalars = scalars.drop(while: isBlank)
      guard scalars.first == "," else { break }  // curl stops at a blank-separated second word.
      scalars = scalars.drop(while: { $0 == "," })
    }
    return nil
  }

  private static func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

  /// Curl_cidr4_match / Curl_cidr6_match: a missing or zero prefix length means the whole address.
  private static func tokenMatchesIP(_ token: String, ip: [UInt8]) -> Bool {
    var address = Substring(token)
    var bits = 0
    if let slash = token.firstIndex(of: "/") {
      address = token[..<slash]
      bits =
        Int(token[token.index(after: slash)...].prefix(while: \.isASCIIDigitCharacter).prefix(4))
        ?? 0
    }
    guard let network = parseIPBytes(String(address)), network.count == ip.count else {
      return false
    }
    if bits == 0 { bits = ip.count * 8 }
    guard bits <= ip.count * 8 else { return false }
    return cidrContains(network: network, bits: bits, ip: ip)
  }
}

// MARK: Addresses

/// 4 bytes for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address becomes its 4 bytes, as Go's To4 does).
func parseIPBytes(_ text: String) -> [UInt8]? {
  if let v4 = ipv4Bytes(text) { return v4 }
  guard let v6 = ipv6Bytes(text) else { return nil }
  if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xff && v6[11] == 0xff {
    return Array(v6[12..<16])
  }
  return v6
}

func isLoopback(_ ip: [UInt8]) -> Bool {
  ip.count == 4 ? ip[0] == 127 : ip == [UInt8](repeating: 0, count: 15) + [1]
}

/// `10.0.0.0/8`, `2001:db8::/32`: net.ParseCIDR's shape (the prefix length is required).
func parseCIDR(_ text: String) -> (network: [UInt8], bits: Int)? {
  guard let slash = text.firstIndex(of: "/") else { return nil }
  let bitsText = text[text.index(after: slash)...]
  guard let network = parseIPBytes(String(text[..<slash])), parsePrefixLength(bitsText) != nil,
    let bits = parsePrefixLength(bitsText), bits <= network.count * 8
  else { return nil }
  return (network, bits)
}

private func parsePrefixLength(_ text: Substring) -> Int? {
  guard !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
  return Int(text)
}

func cidrContains(network: [UInt8], bits: Int, ip: [UInt8]) -> Bool {
  guard network.count == ip.count, bits >= 0, bits <= ip.count * 8 else { return false }
  var remaining = bits
  for index in 0..<ip.count where remaining > 0 {
    let take = min(remaining, 8)
    let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
    if network[index] & mask != ip[index] & mask { return false }
    remaining -= take
  }
  return true
}

extension ProxyEnvironment {
  /// The proxy configured for https, whatever NO_PROXY says: what a bypassed endpoint would have gone through,
  /// tried so that "the proxy would have worked" can be evidence.
  public func configuredHTTPSProxy() -> ProxyURL? { configuredProxy(.go) ?? configuredProxy(.curl) }
}
