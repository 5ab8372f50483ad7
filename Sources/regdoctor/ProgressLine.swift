import DoctorCore
import Foundation

/// A one-line progress indicator on standard error while `diagnose` runs, so a slow network does not look like a hang.
final class ProgressLine: @unchecked Sendable {
  private let enabled: Bool
  private let lock = NSLock()
  private var started = 0
  private var finished = 0

  init(enabled: Bool) { self.enabled = enabled }

  func update(_ event: ProbeEvent) {
    guard enabled else { return }
    let line: String? = lock.withLock {
      switch event {
      case .started(let id, _, _):
        started += 1
        return "regdoctor: \(finished)/\(started) probes done, running \(id)…"
      case .finished:
        finished += 1
        return "regdoctor: \(finished)/\(started) probes done"
      case .allDone:
        return nil
      }
    }
    if let line { FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
  }

  func clear() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
