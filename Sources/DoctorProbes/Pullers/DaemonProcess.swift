import DoctorCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// A running daemon found through /proc: the process that listens on its socket, its arguments, and its
/// environment (the truth about the proxy it pulls with). Everything read bounded; where /proc does not let a
/// non-root user look (another user's /proc/PID/fd and environ), the answer is a sentence, not a guess.
struct DaemonProcess {
  var pid: Int
  var arguments: [String]
  /// nil with `environmentUnknown` when /proc/PID/environ cannot be read.
  var environment: [String: String]?
  var environmentUnknown: String?

  static let procLimit = 1 << 20
  static let maxProcesses = 65_536
  static let maxDescriptors = 65_536

  /// The process listening on the Unix socket at `path`: its inode from /proc/net/unix (this network namespace),
  /// then the process holding that inode among those named `names` (/proc/PID/comm). Without root the
  /// descriptors of a root daemon cannot be read: then the one process of that name, if there is exactly one.
  static func find(socket path: String, names: Set<String>, proc: String = "/proc") -> DaemonProcess? {
    let candidates = processes(named: names, proc: proc)
    guard !candidates.isEmpty else { return nil }
    if let inode = socketInode(path, proc: proc) {
      let target = "socket:[\(inode)]"
      for pid in candidates where holds(pid, target, proc: proc) { return load(pid, proc: proc) }
    }
    return candidates.count == 1 ? load(candidates[0], proc: proc) : nil
  }

  static func load(_ pid: Int, proc: String = "/proc") -> DaemonProcess {
    var process = DaemonProcess(pid: pid, arguments: [])
    if case .success(let bytes) = BoundedFile.readPrefix("\(proc)/\(pid)/cmdline", limit: 64 * 1024) {
      process.arguments = ServiceEnvironmentParser.parseCmdline(bytes)
    }
    switch BoundedFile.read("\(proc)/\(pid)/environ", limit: procLimit) {
    case .success(let bytes): process.environment = ServiceEnvironmentParser.parseProcEnviron(bytes)
    case .failure(.unreadable(let why)):
      process.environmentUnknown =
        geteuid() == 0
        ? "/proc/\(pid)/environ cannot be read (\(why))"
        : "/proc/\(pid)/environ is readable by root only: run regdoctor as root to see the proxy it runs with"
    case .failure(let failure): process.environmentUnknown = "/proc/\(pid)/environ \(failure.description)"
    }
    return process
  }

  private init(pid: Int, arguments: [String]) {
    self.pid = pid
    self.arguments = arguments
  }

  /// PIDs whose /proc/PID/comm is one of `names`, ascending.
  static func processes(named names: Set<String>, proc: String) -> [Int] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: proc) else { return [] }
    var pids: [Int] = []
    for entry in entries.prefix(maxProcesses) {
      guard let pid = Int(entry), pid > 0 else { continue }
      guard case .success(let bytes) = BoundedFile.readPrefix("\(proc)/\(pid)/comm", limit: 64) else { continue }
      let comm = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
      if names.contains(comm) { pids.append(pid) }
    }
    return pids.sorted()
  }

  /// The inode of the listening socket bound to `path` (/proc/net/unix: `… Inode Path`).
  static func socketInode(_ path: String, proc: String) -> String? {
    guard case .success(let bytes) = BoundedFile.readPrefix("\(proc)/net/unix", limit: 8 << 20) else { return nil }
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 8, fields[7] == path else { continue }
      return String(fields[6])
    }
    return nil
  }

  static func holds(_ pid: Int, _ target: String, proc: String) -> Bool {
    let directory = "\(proc)/\(pid)/fd"
    guard let fds = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
    var buffer = [CChar](repeating: 0, count: 256)
    for fd in fds.prefix(maxDescriptors) {
      let n = readlink("\(directory)/\(fd)", &buffer, buffer.count - 1)
      guard n > 0 else { continue }
      let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if link == target { return true }
    }
    return false
  }

  /// Whether `path` is a Unix socket (the daemon's API endpoint exists).
  static func isSocket(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
  }
}
