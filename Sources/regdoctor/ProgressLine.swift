import DoctorCore
import FoundationEssentials

/// A one-line progress indicator on standard error while `diagnose` runs, so a slow network does not look like a hang.
final class ProgressLine: @unchecked Sendable {
  private let enabled: Bool
  private let lock = ThreadLock()
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
    if let line { writeStandardError("\r\u{1B}[K\(line)") }
  }

  func clear() {
    guard enabled else { return }
    writeStandardError("\r\u{1B}[K")
  }
}
