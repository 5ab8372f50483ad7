import FoundationEssentials

/// Small local text files the DNS checks read (resolv.conf, hosts), namespaced so the module has no loose helpers.
enum DNSConfigFile {
  /// The whole file, refusing anything over `limit` bytes or not a regular file, so a hostile or mistaken path (a
  /// FIFO, a device, a huge file) can neither block nor eat memory. Nil when missing, unreadable or too large.
  static func read(_ path: String, limit: Int = 4 << 20) -> String? {
    BoundedFile.text(path, limit: limit)
  }

  /// A line without its `#` (or, for resolv.conf, also `;`) comment, split into whitespace-separated fields.
  static func fields(_ line: Substring, commentMarkers: Set<Character> = ["#"]) -> [Substring] {
    let content = line.prefix { !commentMarkers.contains($0) }
    return content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
  }
}
