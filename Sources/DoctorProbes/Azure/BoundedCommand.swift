import Dispatch
import DoctorCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// What one bounded run of an external command produced.
struct CommandOutput: Sendable {
  enum Ending: Sendable, Equatable {
    /// The command ended by itself (a signal it did not get from us shows as 128 + signal, like a shell).
    case exited(Int32)
    /// Killed because the deadline passed or the diagnosis was cancelled.
    case timedOut
    /// Killed because stdout grew past the cap.
    case outputTooLarge
    case launchFailed(String)
  }
  var ending: Ending
  var stdout: Data
  var stderr: String
}

/// Runs a command without a shell, with stdin from /dev/null, bounded in time and memory.
///
/// Why so careful: `az` is a shell script that starts Python, so the process we spawn is not the only one
/// holding our pipes. The child leads a process group of its own (SpawnedChild); at the deadline we signal the whole
/// group (SIGTERM, then SIGKILL) so a slow Python grandchild dies with it and the pipes reach EOF, and whatever is
/// left of the group when the child exits is killed too. No process of ours outlives the call.
enum BoundedCommand {
  static let defaultStdoutCap = 4 * 1024 * 1024
  static let stderrCap = 64 * 1024
  /// How long a command gets after SIGTERM before SIGKILL, and after SIGKILL before we stop waiting.
  static let killGraceSeconds = 0.3

  static func run(
    executable: String, arguments: [String], environment: [String: String], deadline: DispatchTime,
    cancellation: Cancellation, stdoutCap: Int = defaultStdoutCap, stdin: [UInt8] = []
  ) -> CommandOutput {
    // Done when the process has been reaped and both pipes reached EOF; `wake` also fires on cancel and overflow.
    let wake = DispatchSemaphore(value: 0)
    let completed = DispatchSemaphore(value: 0)
    let pending = Countdown(3) {
      completed.signal()
      wake.signal()
    }
    let overflow = Flag()
    let child: SpawnedChild
    switch SpawnedChild.spawn(
      executable: executable, arguments: arguments, environment: environment, stdin: stdin,
      onExit: { pending.done() })
    {
    case .success(let started): child = started
    case .failure(let failure):
      return CommandOutput(ending: .launchFailed(failure.message), stdout: Data(), stderr: "")
    }

    let out = BoundedBuffer(cap: stdoutCap)
    let err = BoundedBuffer(cap: stderrCap)
    drain(child.stdoutFD, into: out, then: pending) {
      overflow.set()
      wake.signal()
    }
    drain(child.stderrFD, into: err, then: pending) {}
    cancellation.onCancel { wake.signal() }

    let ending: CommandOutput.Ending
    if wake.wait(timeout: deadline) == .success, pending.isComplete, !overflow.isSet,
      !cancellation.isCancelled, let code = child.exitCode
    {
      ending = .exited(code)
    } else {
      // Overran the deadline, was cancelled, or printed too much: end the whole process group.
      child.signalGroup(SIGTERM)
      if completed.wait(timeout: .now() + killGraceSeconds) == .timedOut {
        child.signalGroup(SIGKILL)
        _ = completed.wait(timeout: .now() + killGraceSeconds)
      }
      ending = overflow.isSet ? .outputTooLarge : .timedOut
    }
    return CommandOutput(
      ending: ending, stdout: out.data, stderr: String(decoding: err.data, as: UTF8.self))
  }

  /// Reads `fd` to EOF on a thread of its own, keeping at most `buffer.cap` bytes, then closes it.
  /// A dedicated thread, not a Dispatch queue: a blocking read() would starve Dispatch's small worker pool.
  private static func drain(
    _ fd: Int32, into buffer: BoundedBuffer, then pending: Countdown,
    onOverflow: @escaping @Sendable () -> Void
  ) {
    runBlocking("azure.drain") {
      var chunk = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        // Past the cap we keep reading (so the writer is not blocked) but keep nothing more.
        if !buffer.append(chunk[0..<n]) { onOverflow() }
      }
      close(fd)
      pending.done()
    }
  }
}

/// Bytes collected from one pipe, never more than `cap`.
private final class BoundedBuffer: @unchecked Sendable {
  let cap: Int
  private let lock = ThreadLock()
  private var bytes = Data()
  private var overflowed = false

  init(cap: Int) { self.cap = cap }

  /// False once the cap has been passed.
  func append(_ chunk: ArraySlice<UInt8>) -> Bool {
    lock.withLock {
      guard !overflowed else { return false }
      if bytes.count + chunk.count > cap {
        overflowed = true
        bytes.append(contentsOf: chunk.prefix(cap - bytes.count))
        return false
      }
      bytes.append(contentsOf: chunk)
      return true
    }
  }

  var data: Data { lock.withLock { bytes } }
}

private final class Flag: @unchecked Sendable {
  private let lock = ThreadLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}

/// Runs `action` once `done()` has been called `count` times.
private final class Countdown: @unchecked Sendable {
  private let lock = ThreadLock()
  private var remaining: Int
  private let action: @Sendable () -> Void
  init(_ count: Int, action: @escaping @Sendable () -> Void) {
    remaining = count
    self.action = action
  }
  func done() {
    let fire: Bool = lock.withLock {
      remaining -= 1
      return remaining == 0
    }
    if fire { action() }
  }
  var isComplete: Bool { lock.withLock { remaining <= 0 } }
}
