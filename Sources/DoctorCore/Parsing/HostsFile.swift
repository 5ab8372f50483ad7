// /etc/hosts: names pinned to addresses, which getaddrinfo honours before DNS (nsswitch `files dns`).

public struct HostsFile: Sendable, Equatable {
  static let maxBytes = 4 * 1024 * 1024
  static let maxNamesPerLine = 64

  /// Lower-cased name -> addresses in file order, without repeats.
  public private(set) var entries: [String: [String]]

  public init(entries: [String: [String]] = [:]) { self.entries = entries }

  /// Parses hosts-file text: `address name [aliases…]`, `#` comments, any case. Lines whose first field is not
  /// an IP address are ignored, as glibc does. Never fails.
  public static func parse(_ text: String) -> HostsFile {
    var file = HostsFile()
    // Work on UTF-8 bytes: ad-blocking hosts files have 100 000+ lines, and every separator is ASCII.
    let bytes = text.utf8.prefix(maxBytes)
    for rawLine in bytes.split(
      omittingEmptySubsequences: true, whereSeparator: { $0 == 0x0A || $0 == 0x0D })
    {
      let line = rawLine.prefix { $0 != UInt8(ascii: "#") }
      let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
      guard let first = fields.first, fields.count >= 2 else { continue }
      let address = String(decoding: first, as: UTF8.self)
      guard isHostsAddress(address) else { continue }
      for field in fields.dropFirst().prefix(maxNamesPerLine) {
        let key = normalise(Substring(String(decoding: field, as: UTF8.self)))
        guard isPlausibleName(key) else { continue }
        if !(file.entries[key]?.contains(address) ?? false) {
          file.entries[key, default: []].append(address)
        }
      }
    }
    return file
  }

  /// The addresses `host` is pinned to, in file order; empty when it is not in the file.
  public func addresses(for host: String) -> [String] {
    entries[Self.normalise(Substring(host))] ?? []
  }

  private static func normalise(_ name: Substring) -> String {
    var lower = name.lowercased()
    if lower.hasSuffix(".") { lower.removeLast() }  // `contoso.azurecr.io.` is the same name.
    return lower
  }

  /// A cheap check (ad-blocking hosts files have 100 000+ lines): what a host name may contain, nothing else.
  private static func isPlausibleName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 253
      && name.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
          UInt8(ascii: "-"),
          UInt8(ascii: "."), UInt8(ascii: "_"):
          return true
        default: return false
        }
      }
  }

  private static func isHostsAddress(_ text: String) -> Bool {
    if isIPLiteral(text) { return true }
    let parts = text.split(separator: "%", maxSplits: 1)
    return parts.count == 2 && ipv6Bytes(String(parts[0])) != nil
  }
}
