// /etc/resolv.conf as glibc's res_init reads it: what getaddrinfo (and so docker and curl) will ask.

public struct ResolvConf: Sendable, Equatable {
  /// glibc's MAXNS: only the first three nameservers are ever asked.
  public static let maxNameservers = 3
  /// glibc caps `timeout:` at RES_MAXRETRANS and `attempts:` at RES_MAXRETRY.
  static let maxTimeout = 30
  static let maxAttempts = 5
  /// Input beyond this is ignored: a real resolv.conf is a few hundred bytes.
  public static let maxBytes = 256 * 1024
  static let maxSearchDomains = 64

  /// The nameservers glibc uses, in order (IPv6 may carry a `%scope`).
  public var nameservers: [String]
  /// Valid nameservers after the third, which glibc silently ignores.
  public var ignoredNameservers: [String]
  /// The search list (`search`, or `domain` — whichever comes last wins, as in glibc).
  public var search: [String]
  public var timeoutSeconds: Double?
  public var attempts: Int?
  public var ndots: Int?
  public var rotate: Bool

  public init(
    nameservers: [String] = [], ignoredNameservers: [String] = [], search: [String] = [],
    timeoutSeconds: Double? = nil, attempts: Int? = nil, ndots: Int? = nil, rotate: Bool = false
  ) {
    self.nameservers = nameservers
    self.ignoredNameservers = ignoredNameservers
    self.search = search
    self.timeoutSeconds = timeoutSeconds
    self.attempts = attempts
    self.ndots = ndots
    self.rotate = rotate
  }

  /// Parses resolv.conf text. Lines glibc would skip are skipped: comments (`#` or `;` in the first column),
  /// keywords it does not know, nameservers that are not addresses. Never fails.
  public static func parse(_ text: String) -> ResolvConf {
    var conf = ResolvConf()
    let bounded =
      text.utf8.count > maxBytes
      ? String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self) : text
    for rawLine in bounded.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
      if rawLine.hasPrefix("#") || rawLine.hasPrefix(";") { continue }
      let line = rawLine.prefix { $0 != "#" && $0 != ";" }  // A trailing comment ends the values.
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      // glibc only reads a keyword that starts in column 1.
      guard let keyword = words.first, rawLine.hasPrefix(keyword) else { continue }
      let values = words.dropFirst().map(String.init)
      switch keyword {
      case "nameserver": conf.addNameserver(values.first)
      case "domain": if let domain = values.first { conf.search = [domain] }
      case "search": if !values.isEmpty { conf.search = Array(values.prefix(maxSearchDomains)) }
      case "options": for option in values { conf.apply(option: option) }
      default: continue
      }
    }
    return conf
  }

  private mutating func addNameserver(_ value: String?) {
    guard let value, Self.isNameserverAddress(value) else { return }
    if nameservers.count < Self.maxNameservers {
      nameservers.append(value)
    } else if ignoredNameservers.count < 64 {
      ignoredNameservers.append(value)
    }
  }

  /// IPv4, or IPv6 with an optional `%scope` (interface name or number).
  static func isNameserverAddress(_ value: String) -> Bool {
    if ipv4Bytes(value) != nil { return true }
    let parts = value.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
    guard ipv6Bytes(String(parts[0])) != nil else { return false }
    guard parts.count == 2 else { return true }
    let scope = parts[1]
    return (1...16).contains(scope.count)
      && scope.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "._-".unicodeScalars.contains($0))
      }
  }

  private mutating func apply(option: String) {
    func number(after prefix: String) -> Int? {
      guard option.hasPrefix(prefix) else { return nil }
      let digits = option.dropFirst(prefix.count).prefix(9)
      guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
      return Int(digits)
    }
    if let value = number(after: "timeout:") {
      timeoutSeconds = Double(min(value, Self.maxTimeout))
    } else if let value = number(after: "attempts:") {
      attempts = min(value, Self.maxAttempts)
    } else if let value = number(after: "ndots:") {
      ndots = min(value, 15)
    } else if option == "rotate" {
      rotate = true
    }
  }
}
