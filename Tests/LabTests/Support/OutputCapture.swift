import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one pipe of a child process on its own thread until EOF, so the child never blocks on a full pipe,
/// and lets the test wait (bounded) for a line such as a server's `ready ADDR:PORT`.
final class OutputCapture: @unchecked Sendable {
  private let condition = NSCondition()
  private var bytes: [UInt8] = []
  private var isClosed = false
  /// Keeps memory bounded whatever a child prints; later output is read and dropped.
  private let limit: Int

  init(fileDescriptor: Int32, limit: Int = 1 << 20) {
    self.limit = limit
    let thread = Thread { [self] in self.drain(fileDescriptor) }
    thread.name = "OutputCapture fd \(fileDescriptor)"
    thread.start()
  }

  /// Everything read so far (up to the limit).
  var text: String {
    condition.lock()
    defer { condition.unlock() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Waits until a complete line satisfying `isMatch` has arrived. Returns nil when the pipe closed (the child
  /// exited) or the deadline passed first.
  func waitForLine(until deadline: Date, where isMatch: (Substring) -> Bool) -> String? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      let lines = String(decoding: bytes, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: true)
      // Only complete lines count: the last one may still be growing unless the pipe is closed.
      let complete = bytes.last == UInt8(ascii: "\n") || isClosed ? lines[...] : lines.dropLast()
      if let line = complete.first(where: isMatch) { return String(line) }
      if isClosed { return nil }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  /// Waits until the writer side is closed (normally: the child exited). False when the deadline passed first.
  func waitForClose(until deadline: Date) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while !isClosed {
      if !condition.wait(until: deadline) { return isClosed }
    }
    return true
  }

  private func drain(_ fileDescriptor: Int32) {
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      condition.lock()
      if count <= 0 {
        isClosed = true
        condition.broadcast()
        condition.unlock()
        close(fileDescriptor)
        return
      }
      let room = max(0, limit - bytes.count)
      bytes.append(contentsOf: buffer[0..<min(count, room)])
      condition.broadcast()
      condition.unlock()
    }
  }
}
