import Foundation
import XCTest

/// One private tmux server (its own socket, `-L e2e-<pid>-<n>`) with one session running a plain bash, in which a
/// test types commands as a person would. Everything it starts dies with `kill()`: only this server, by its socket.
final class TmuxSession {
  static var isAvailable: Bool { TmuxSession.findTmux() != nil }

  let socket: String
  let tmux: String
  private(set) var killed = false
  private static let counter = Counter()

  /// Starts a detached session of `width`x`height` running `bash --norc` with `environment` and `directory`.
  init(width: Int, height: Int, environment: [String: String], directory: String) throws {
    guard let tmux = TmuxSession.findTmux() else { throw XCTSkip("tmux is not installed") }
    self.tmux = tmux
    self.socket = "e2e-\(getpid())-\(TmuxSession.counter.next())"
    // `env -i` so nothing of the test runner's environment (proxies, DOCKER_HOST, LANG) leaks into the wizard.
    var shellEnv = environment
    shellEnv["PS1"] = "e2e$ "
    shellEnv["TERM"] = "tmux-256color"
    let assignments = shellEnv.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let command =
      ["/usr/bin/env", "-i"] + assignments + ["/bin/bash", "--norc", "--noprofile", "-i"]
    try run([
      "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
      "-c", directory,
      command.map(shellQuote).joined(separator: " "),
    ])
    // The server's own options: the window follows the size given here, not a client's (there is none).
    try run(["set-option", "-g", "window-size", "manual"])
    _ = try waitFor("the shell prompt") { $0.contains("e2e$") }
  }

  deinit { kill() }

  /// Ends this tmux server and whatever runs in it. Only ours: addressed by our socket.
  func kill() {
    guard !killed else { return }
    killed = true
    _ = try? run(["kill-server"])
  }

  // MARK: Input

  /// Types text literally (no key names).
  func type(_ text: String) throws { try run(["send-keys", "-t", "main", "-l", text]) }

  /// Sends tmux key names: "Enter", "Escape", "Down", "C-c", "C-u", "Tab", "Space".
  func press(_ keys: String...) throws { try run(["send-keys", "-t", "main"] + keys) }

  /// Types a command line into the shell and presses Enter.
  func shell(_ line: String) throws {
    try type(line)
    try press("Enter")
  }

  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
  }

  // MARK: Output

  /// The visible screen as text, one line per row (trailing blanks trimmed by tmux).
  func capture() throws -> String { try run(["capture-pane", "-p", "-t", "main"]) }

  /// The screen with SGR escapes (`-e`): colours and attributes.
  func captureWithEscapes() throws -> String {
    try run(["capture-pane", "-p", "-e", "-t", "main"])
  }

  /// Whether the program in the pane has switched to the alternate screen (ncurses does, the shell does not).
  func alternateScreenOn() throws -> Bool { try display("#{alternate_on}") == "1" }

  func display(_ format: String) throws -> String {
    try run(["display-message", "-p", "-t", "main", format]).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  /// The pane's shell, and its one child (the program the shell is running), if any.
  func shellPID() throws -> pid_t { pid_t(try display("#{pane_pid}")) ?? -1 }

  func foregroundChildPID() throws -> pid_t? {
    let shell = try shellPID()
    let children =
      (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
    return children.split(separator: " ").compactMap { pid_t($0) }.last
  }

  /// Polls the screen every 50 ms until `condition` holds; fails with the last screen after `timeout` seconds.
  @discardableResult
  func waitFor(
    _ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
    _ condition: (String) throws -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while true {
      screen = try capture()
      let matches = try condition(screen)
      usleep(50_000)
      // ncurses draws a new screen in pieces, so a capture can catch half of one: take a screen only when the
      // next capture shows it unchanged.
      if matches, try capture() == screen { return screen }
      if Date() >= deadline { break }
    }
    XCTFail(
      "timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen)", file: file,
      line: line)
    throw WaitTimeout(what: what)
  }

  /// Polls any state (not only the screen) every 50 ms, bounded like `waitFor`.
  func waitUntil(
    _ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () throws -> Bool
  ) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try !condition() {
      if Date() >= deadline {
        let screen = (try? capture()) ?? ""
        XCTFail(
          "timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen)",
          file: file, line: line)
        throw WaitTimeout(what: what)
      }
      usleep(50_000)
    }
  }

  // MARK: Running tmux

  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    try runProcess(tmux, ["-L", socket] + arguments)
  }

  private static func findTmux() -> String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

struct WaitTimeout: Error, CustomStringConvertible {
  let what: String
  var description: String { "timed out waiting for \(what)" }
}

struct ProcessFailed: Error, CustomStringConvertible {
  let command: String
  let status: Int32
  let output: String
  var description: String { "\(command) exited \(status): \(output)" }
}

/// Runs a short command to completion and returns its output (stdout and stderr); throws on a non-zero exit.
///
/// posix_spawn and waitpid, not Foundation's Process: the first tmux command forks the tmux server, and Process on
/// Linux notices a child's exit through a descriptor the child inherits, which that server keeps open for ever.
/// Output goes through a temporary file, not a pipe, for the same reason.
@discardableResult
func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
  let outPath = FileManager.default.temporaryDirectory.appendingPathComponent(
    "e2e-out-\(UUID().uuidString)"
  ).path
  let fd = open(outPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
  guard fd >= 0 else {
    throw ProcessFailed(command: executable, status: -1, output: "cannot create \(outPath)")
  }
  defer {
    close(fd)
    unlink(outPath)
  }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_adddup2(&actions, fd, 1)
  posix_spawn_file_actions_adddup2(&actions, fd, 2)

  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
  guard spawned == 0 else {
    throw ProcessFailed(
      command: executable, status: spawned, output: String(cString: strerror(spawned)))
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
  // WIFEXITED / WEXITSTATUS are C macros: exit code in bits 8-15, a signal in the low 7 bits.
  let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  guard exitCode == 0 else {
    throw ProcessFailed(
      command: ([executable] + arguments).joined(separator: " "), status: exitCode, output: text)
  }
  return text
}

func shellQuote(_ s: String) -> String {
  if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }) {
    return s
  }
  return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}
