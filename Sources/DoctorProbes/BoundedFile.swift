import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a local file the way every file regdoctor reads must be read: it cannot block and cannot eat memory.
///
/// Paths come from the environment (SSL_CERT_FILE, SSL_CERT_DIR, REGDOCTOR_ETC) and may name anything: a FIFO with
/// no writer blocks a plain open() forever (before any deadline exists), a 100 MB resolv.conf would be read whole.
/// So: opened with O_NONBLOCK, refused unless a regular file, and never more than `limit` bytes read.
enum BoundedFile {
  enum Failure: Error, Equatable, CustomStringConvertible {
    case missing
    case notRegularFile
    /// Larger than the limit; nothing past it was read.
    case tooLarge(limit: Int)
    case unreadable(String)

    var description: String {
      switch self {
      case .missing: return "does not exist"
      case .notRegularFile: return "is not a regular file"
      case .tooLarge(let limit): return "is larger than \(limit / 1024) KiB"
      case .unreadable(let why): return "cannot be read: \(why)"
      }
    }
  }

  /// The whole file, or a failure when it is larger than `limit` bytes.
  static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    switch readPrefix(path, limit: limit + 1) {
    case .success(let bytes) where bytes.count > limit: return .failure(.tooLarge(limit: limit))
    case let other: return other
    }
  }

  /// At most the first `limit` bytes.
  static func readPrefix(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else {
      return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
    guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegularFile) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count < limit {
      let want = min(chunk.count, limit - bytes.count)
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return .failure(.unreadable(String(cString: strerror(errno)))) }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return .success(bytes)
  }

  /// The file as UTF-8 text (invalid sequences replaced), nil on any failure.
  static func text(_ path: String, limit: Int) -> String? {
    guard case .success(let bytes) = read(path, limit: limit) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
