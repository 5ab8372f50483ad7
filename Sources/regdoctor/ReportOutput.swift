import DoctorCore
import Foundation

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

  /// Writes `text` to `path` with mode 0600 (reports name hosts, addresses and proxies). Throws a readable message.
  static func write(_ text: String, to path: String) throws(ToolFailure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw ToolFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
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

/// The tool itself failed (exit 3), as opposed to the network (exit 1) or the input (exit 2).
struct ToolFailure: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
