import Dispatch
import DoctorCore
import FoundationEssentials
import Glibc
import WizardUI

/// How the wizard ended: the final state, and the signal that ended it, if one did.
public struct WizardOutcome: Sendable {
  public let state: AppState
  /// SIGTERM, SIGHUP or SIGINT when one of them ended the wizard (exit with 128 + signal).
  public let signal: Int32?
}

/// Runs the wizard on the calling thread (the main thread: ncurses is not thread-safe) until it quits.
///
/// Each turn waits up to `pollMs` for a key, drains `inbox` (probe events and export results posted by other
/// threads), adds a tick ~10 times a second while probes run, applies every message with `update`, hands the
/// effects to `handler` (except `.quit`, which ends the loop), and redraws only when a message arrived and the
/// screen differs. The terminal is restored on every way out: quit, Ctrl-C, SIGTERM/SIGHUP/SIGINT, and atexit.
///
/// Wiring from main (the effect handler runs on this thread; post results from any thread):
///
///     let inbox = WizardInbox()
///     let outcome = try runWizard(state: AppState(config: config, registry: arg), inbox: inbox) { effect in
///       switch effect {
///       case .startDiagnosis(let request):   // start the ProbeRunner; map its events:
///         // .started(id, title, target) -> inbox.post(.probeStarted(run: request.run, id:, title:, target:))
///         // .finished(result)           -> inbox.post(.probeFinished(run: request.run, result))
///         // .allDone(results, ms)       -> diagnose, then inbox.post(.reportReady(run: request.run, report))
///       case .cancelDiagnosis: ...         // cancel the running ProbeContext
///       case .export(let format, let path): ... // write, then inbox.post(.exportFinished(.success(path)))
///       case .quit: break                  // never handed out: the loop ends by itself
///       }
///     }
///     if let signal = outcome.signal { exit(128 + signal) }
public func runWizard(
  state initial: AppState, terminal: NcursesTerminal = NcursesTerminal(), inbox: WizardInbox = WizardInbox(),
  pollMs: Int32 = 50, effects handler: (Effect) -> Void
) throws -> WizardOutcome {
  SignalWatch.shared.attach(inbox)
  defer { _ = SignalWatch.shared.detach() }  // on a thrown error too
  try terminal.start()
  defer { terminal.stop() }

  var state = initial
  state.size = terminal.size
  var needsDraw = true
  var lastTick = DispatchTime.now().uptimeNanoseconds
  while !state.finished {
    if needsDraw {
      terminal.draw(view(state, size: terminal.size))
      needsDraw = false
    }
    var messages: [Msg] = []
    if let first = terminal.readInput(timeoutMs: pollMs) {
      messages.append(first)
      // A paste arrives as many keys at once: take what is already waiting before redrawing.
      while messages.count < 1024, let next = terminal.readInput(timeoutMs: 0) { messages.append(next) }
    }
    messages += inbox.drain()
    if terminal.inputClosed { messages.append(.terminate) }  // stdin at EOF: nobody can answer any more
    let now = DispatchTime.now().uptimeNanoseconds
    if state.wantsTicks, now &- lastTick >= 100_000_000 {
      messages.append(.tick)
      lastTick = now
    }
    for message in messages {
      for effect in update(&state, message) where effect != .quit { handler(effect) }
      needsDraw = true
      if state.finished { break }
    }
  }
  terminal.stop()
  return WizardOutcome(state: state, signal: SignalWatch.shared.detach())
}

/// Turns SIGTERM, SIGHUP and SIGINT into `.terminate` messages while a wizard runs, so the main loop restores the
/// terminal itself (the default action would kill the process with the terminal still in raw mode).
///
/// The Dispatch sources are made once per process and kept: libdispatch installs its own handler for a signal the
/// first time and never again, so cancelling them and resetting the signal to SIG_DFL would break a second wizard.
/// Between wizards a signal ends the process as the default action would (exit status 128 + signal).
private final class SignalWatch: @unchecked Sendable {
  private static let watched: [Int32] = [SIGTERM, SIGHUP, SIGINT]
  static let shared = SignalWatch()

  private let lock = ThreadLock()
  private var inbox: WizardInbox?
  private var first: Int32?
  private var sources: [DispatchSourceSignal] = []

  private init() {
    let queue = DispatchQueue(label: "regdoctor.wizard.signals")
    for number in Self.watched {
      signal(number, SIG_IGN)  // the source sees the signal; the default action must not run first
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [unowned self] in self.deliver(number) }
      source.resume()
      sources.append(source)
    }
  }

  /// Routes signals to `inbox` until `detach()`.
  func attach(_ inbox: WizardInbox) {
    lock.lock()
    self.inbox = inbox
    first = nil
    lock.unlock()
  }

  /// Stops routing; returns the first signal received while attached.
  func detach() -> Int32? {
    lock.lock()
    defer { lock.unlock() }
    inbox = nil
    return first
  }

  private func deliver(_ number: Int32) {
    lock.lock()
    let target = inbox
    if target != nil, first == nil { first = number }
    lock.unlock()
    guard let target else { exit(128 + number) }
    target.post(.terminate)
  }
}
