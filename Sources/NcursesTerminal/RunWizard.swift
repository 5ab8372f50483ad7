import Dispatch
import Foundation
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
public func runWizard(
  state initial: AppState, terminal: NcursesTerminal = NcursesTerminal(), inbox: WizardInbox = WizardInbox(),
  pollMs: Int32 = 50, effects handler: (Effect) -> Void
) throws -> WizardOutcome {
  let signals = SignalWatch(inbox: inbox)
  defer { signals.stop() }
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
  return WizardOutcome(state: state, signal: signals.received)
}

/// Turns SIGTERM, SIGHUP and SIGINT into `.terminate` messages, so the main loop restores the terminal itself
/// (the default handlers would kill the process with the terminal still in raw mode).
private final class SignalWatch: @unchecked Sendable {
  private static let watched: [Int32] = [SIGTERM, SIGHUP, SIGINT]
  private var sources: [DispatchSourceSignal] = []
  private let lock = NSLock()
  private var first: Int32?

  init(inbox: WizardInbox) {
    let queue = DispatchQueue(label: "regdoctor.wizard.signals")
    for number in Self.watched {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in
        self?.record(number)
        inbox.post(.terminate)
      }
      source.resume()
      sources.append(source)
    }
  }

  var received: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return first
  }

  private func record(_ number: Int32) {
    lock.lock()
    if first == nil { first = number }
    lock.unlock()
  }

  func stop() {
    for source in sources { source.cancel() }
    sources = []
    for number in Self.watched { signal(number, SIG_DFL) }
  }
}
