import DoctorCore
import FoundationEssentials

/// Messages posted from other threads (probe events, export results, signals) for the main loop to drain.
/// A lock-protected queue: posting never blocks for long, draining takes everything at once.
public final class WizardInbox: @unchecked Sendable {
  private let lock = ThreadLock()
  private var messages: [Msg] = []

  public init() {}

  public func post(_ message: Msg) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  /// Everything posted so far, in order; the queue is left empty.
  public func drain() -> [Msg] {
    lock.lock()
    defer { lock.unlock() }
    let taken = messages
    messages = []
    return taken
  }
}
