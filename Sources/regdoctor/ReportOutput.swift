import DoctorCore
import FoundationEssentials
import Glibc

/// Renders a report and writes it where the user asked: standard output, or a file only its owner can read.
enum ReportOutput {
  static func render(_ report: Report, format: ReportFormat, color: Bool) -> String {
    switch format {
    case .text: return TextReport.render(report, color: color)
    case .markdown: return MarkdownReport.render(report)
    case .json: return JSONReport.render(report)
    }
  }

  /// Appends `text` to `path` (created with mode 0600): a watch's timeline as it grows.
  static func append(_ text: String, to path: String) throws(ToolFailure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw ToolFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  }

  /// Why `path` cannot take a report, when something already there is not a regular file: a FIFO with no reader
  /// would block the write after the whole diagnosis, a device or socket is no report file either.
  static func refusal(for path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG else { return nil }
    let kind: String
    switch info.st_mode & S_IFMT {
    case S_IFIFO: kind = "a FIFO"
    case S_IFDIR: kind = "a directory"
    case S_IFCHR, S_IFBLK: kind = "a device"
    case S_IFSOCK: kind = "a socket"
    default: kind = "not a regular file"
    }
    return "--output \(quotedPath(path)) is \(kind): give the path of a regular file (or leave --output out for stdout)"
  }

  /// Writes `text` to `path` with mode 0600 (reports name hosts, addresses and proxies). Throws a readable message.
  static func write(_ text: String, to path: String) throws(ToolFailure) {
    if let refusal = refusal(for: path) { throw ToolFailure(refusal) }
    // O_NONBLOCK: a FIFO created since the check cannot block us (open fails with ENXIO, fstat refuses it).
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
    guard fd >= 0 else { throw ToolFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      throw ToolFailure("cannot write \(path): not a regular file")
    }
    // An existing file keeps its old mode through O_CREAT: tighten it.
    fchmod(fd, 0o600)
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { throw ToolFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
      written += n
    }
  }
}

/// A path as a message may show it: control characters escaped, long paths cut.
private func quotedPath(_ path: String) -> String {
  let shown = escapingControlCharacters(path, keepNewlines: false)
  return "'" + (shown.count > 200 ? String(shown.prefix(200)) + "…" : shown) + "'"
}

/// The tool itself failed (exit 3), as opposed to the network (exit 1) or the input (exit 2).
struct ToolFailure: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
