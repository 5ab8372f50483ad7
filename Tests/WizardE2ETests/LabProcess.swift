import Foundation
import XCTest

/// A `regdoctor-lab` server run as a child process: started, waited for until it prints `ready ADDR`, stopped
/// with SIGTERM (only this pid).
final class LabProcess {
  let process = Process()
  /// What the server printed after `ready `: `127.0.0.1:PORT`.
  private(set) var address = ""
  private let output = Pipe()

  init(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 15) throws {
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    process.standardInput = FileHandle.nullDevice
    try process.run()
    address = try readReadyLine(timeout: timeout)
  }

  deinit { stop() }

  var port: Int { address.split(separator: ":").last.flatMap { Int($0) } ?? 0 }

  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
  }

  /// Reads stdout until the `ready ` line, bounded by `timeout` (poll() on the pipe, never a blocking read).
  private func readReadyLine(timeout: TimeInterval) throws -> String {
    let fd = output.fileHandleForReading.fileDescriptor
    let deadline = Date().addingTimeInterval(timeout)
    var text = ""
    var buffer = [UInt8](repeating: 0, count: 4096)
    while Date() < deadline {
      var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&pfd, 1, 100)
      if ready > 0 {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        text += String(decoding: buffer[0..<n], as: UTF8.self)
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") }) {
          return String(line.dropFirst("ready ".count))
        }
      }
    }
    stop()
    throw ProcessFailed(
      command: "regdoctor-lab \(process.arguments ?? [])", status: -1,
      output: "no ready line: \(text)")
  }
}
