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
    let bounded = text.utf8.count > maxBytes ? String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self) : text
    for rawLine in bounded.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
      let line = rawLine.prefix { $0 != "#" }
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard let first = fields.first, fields.count >= 2 else { continue }
      let address = String(first)
      guard isHostsAddress(address) else { continue }
      for name in fields.dropFirst().prefix(maxNamesPerLine) {
        let key = normalise(name)
        guard !key.isEmpty, hostNameProblem(key) == nil else { continue }
        if !(file.entries[key]?.contains(address) ?? false) { file.entries[key, default: []].append(address) }
      }
    }
    return file
  }

  /// The addresses `host` is pinned to, in file order; empty when it is not in the file.
  public func addresses(for host: String) -> [String] { entries[Self.normalise(Substring(host))] ?? [] }

  private static func normalise(_ name: Substring) -> String {
    var lower = name.lowercased()
    if lower.hasSuffix(".") { lower.removeLast() }  // `contoso.azurecr.io.` is the same name.
    return lower
  }

  private static func isHostsAddress(_ text: String) -> Bool {
    if isIPAddress(text) { return true }
    let parts = text.split(separator: "%", maxSplits: 1)
    return parts.count == 2 && parseIPv6(String(parts[0])) != nil
  }
}
