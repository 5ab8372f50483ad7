import Glibc

/// The terminal as it was before curses touched it, and the crash handlers that were there before ours.
/// Globals because a signal handler can reach nothing else; written once, before the handlers are installed.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios = false
nonisolated(unsafe) private var previousActions: [Int32: sigaction] = [:]
private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

/// On a crash (a trap from a Swift runtime check, a segfault), puts the terminal back — cooked mode, main screen,
/// visible cursor — before the previous handler (Swift's backtracer) prints, so the backtrace is readable and the
/// shell usable. Only async-signal-safe calls: tcsetattr and write.
enum CrashRestore {
  static func install() {
    guard !haveSavedTermios, tcgetattr(STDIN_FILENO, &savedTermios) == 0 else { return }
    haveSavedTermios = true
    for sig in crashSignals {
      var action = sigaction()
      action.__sigaction_handler.sa_sigaction = crashHandler
      action.sa_flags = Int32(SA_SIGINFO) | Int32(bitPattern: UInt32(SA_RESETHAND))
      sigemptyset(&action.sa_mask)
      var previous = sigaction()
      if sigaction(sig, &action, &previous) == 0 { previousActions[sig] = previous }
    }
  }
}

private func crashHandler(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
  if haveSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
  // Leave the alternate screen, show the cursor, reset attributes.
  let reset: [UInt8] = Array("\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n".utf8)
  _ = reset.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  guard var previous = previousActions[sig] else { return }
  if previous.sa_flags & Int32(SA_SIGINFO) != 0, let handler = previous.__sigaction_handler.sa_sigaction {
    handler(sig, info, context)
  } else {
    // Default or a plain handler: reinstall it and let the signal happen again when the faulting code resumes.
    sigaction(sig, &previous, nil)
  }
}
