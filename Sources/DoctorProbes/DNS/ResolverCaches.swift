import DoctorCore

#if canImport(Glibc)
  import Glibc
#endif

/// Caches on the machine between a client and its nameservers that keep an answer after DNS was fixed: the
/// systemd-resolved stub and nscd's hosts cache. Found from files only (no daemon is asked), read bounded, under
/// `REGDOCTOR_ETC` and `REGDOCTOR_RUN` (another root's /etc and /run) when set.
public enum ResolverCaches {
  /// systemd-resolved's stub listeners: glibc sends every lookup there when resolv.conf names them.
  static let resolvedStubs: Set<String> = ["127.0.0.53", "127.0.0.54"]
  static let nscdConfMaxBytes = 256 * 1024

  /// One sentence a cache found, with the command that empties it; empty when there is none.
  public static func stillHeldBy(_ request: DiagnosisRequest) -> [String] {
    let run = request.environment["REGDOCTOR_RUN"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run"
    return stillHeldBy(etc: request.etc, run: run)
  }

  static func stillHeldBy(etc: String, run: String) -> [String] {
    var out: [String] = []
    let resolvConf = prefix(etc + "/resolv.conf", limit: ResolvConf.maxBytes)
    let stub = ResolvConf.parse(resolvConf).nameservers.first { resolvedStubs.contains($0) }
    if let stub {
      let running = isDirectory(run + "/systemd/resolve") ? " (running: \(run)/systemd/resolve)" : ""
      out.append(
        "systemd-resolved caches answers at \(stub)\(running): flush with resolvectl flush-caches")
    }
    if isSocket(run + "/nscd/socket"), let ttl = nscdHostsCache(etc: etc) {
      let found = ttl.positive.map { "found names up to \($0) s" } ?? "found names"
      let missing = ttl.negative.map { ", missing names up to \($0) s" } ?? ""
      out.append("nscd caches host lookups (\(found)\(missing), \(etc)/nscd.conf): flush with nscd -i hosts")
    }
    return out
  }

  /// nscd's hosts cache when nscd.conf leaves it on (it is on unless `enable-cache hosts no`), with its
  /// `positive-time-to-live` and `negative-time-to-live`; nil when it is off.
  static func nscdHostsCache(etc: String) -> (positive: Int?, negative: Int?)? {
    let text = prefix(etc + "/nscd.conf", limit: nscdConfMaxBytes)
    var enabled = true
    var positive: Int?
    var negative: Int?
    for raw in text.split(separator: "\n") {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      guard words.count >= 3, words[1] == "hosts" else { continue }
      switch words[0] {
      case "enable-cache": enabled = words[2] == "yes"
      case "positive-time-to-live": positive = Int(words[2]).flatMap { $0 >= 0 ? $0 : nil }
      case "negative-time-to-live": negative = Int(words[2]).flatMap { $0 >= 0 ? $0 : nil }
      default: break
      }
    }
    return enabled ? (positive, negative) : nil
  }

  /// What the parsers read of a file: its first `limit` bytes, nothing when it cannot be read.
  private static func prefix(_ path: String, limit: Int) -> String {
    guard case .success(let bytes) = BoundedFile.readPrefix(path, limit: limit) else { return "" }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func isSocket(_ path: String) -> Bool { fileType(path) == S_IFSOCK }
  private static func isDirectory(_ path: String) -> Bool { fileType(path) == S_IFDIR }

  private static func fileType(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT
  }
}
