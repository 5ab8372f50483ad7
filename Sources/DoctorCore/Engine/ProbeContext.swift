import Dispatch
import FoundationEssentials

/// A flag every probe checks between phases; set once by `cancel()`, read from any thread.
public final class Cancellation: @unchecked Sendable {
  private let lock = ThreadLock()
  private var cancelled = false
  private var handlers: [@Sendable () -> Void] = []

  public init() {}

  public var isCancelled: Bool { lock.withLock { cancelled } }

  public func cancel() {
    let toRun: [@Sendable () -> Void] = lock.withLock {
      guard !cancelled else { return [] }
      cancelled = true
      defer { handlers = [] }
      return handlers
    }
    toRun.forEach { $0() }
  }

  /// Runs `handler` on cancellation (at once if already cancelled): how a probe closes its sockets early.
  public func onCancel(_ handler: @escaping @Sendable () -> Void) {
    let runNow: Bool = lock.withLock {
      if cancelled { return true }
      handlers.append(handler)
      return false
    }
    if runNow { handler() }
  }
}

/// What every probe is given: one deadline for the whole diagnosis (so phases share `--timeout` instead of adding
/// up), the cancellation flag, and the environment it should honour.
public struct ProbeContext: Sendable {
  public let deadline: DispatchTime
  public let cancellation: Cancellation
  public let environment: [String: String]

  public init(deadline: DispatchTime, cancellation: Cancellation = Cancellation(), environment: [String: String]) {
    self.deadline = deadline
    self.cancellation = cancellation
    self.environment = environment
  }

  /// Seconds left before the deadline, never negative.
  public var remainingSeconds: Double {
    let now = DispatchTime.now().uptimeNanoseconds
    let end = deadline.uptimeNanoseconds
    return end > now ? Double(end - now) / 1e9 : 0
  }

  public var isExpired: Bool { remainingSeconds <= 0 || cancellation.isCancelled }
}

/// Milliseconds since `start`, for phase timings.
public func elapsedMs(since start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}
