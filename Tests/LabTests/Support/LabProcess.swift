import Foundation

#if canImport(Glibc)
  import Glibc
#endif

struct LabError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A child process in its own process group (so teardown can signal everything it started), with its output
/// captured by threads. Spawned with posix_spawn rather than Foundation.Process to control the process group.
final class LabProcess: @unchecked Sendable {
  let pid: pid_t
  let commandLine: String
  let stdout: OutputCapture
  /// The same capture as `stdout` when the process was started with `mergeOutput`.
  let stderr: OutputCapture
  private let condition = NSCondition()
  private var exitStatus: Int32?

  /// Starts `arguments` (argv[0] looked up in PATH). `environment` nil inherits the test's environment.
  init(_ arguments: [String], environment: [String: String]? = nil, mergeOutput: Bool = false)
    throws
  {
    guard let program = arguments.first else { throw LabError("empty command line") }
    commandLine = arguments.joined(separator: " ")
    let outPipe = try Self.makePipe()
    let errPipe = mergeOutput ? outPipe : try Self.makePipe()

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = arguments.map { strdup($0) } + [nil]
    let envStrings = environment.map { $0.map { "\($0.key)=\($0.value)" }.sorted() }
    let envp = envStrings.map { $0.map { strdup($0) } + [nil] }
    defer {
      argv.forEach { free($0) }
      envp?.forEach { free($0) }
    }
    var childPID: pid_t = 0
    let result: Int32
    if let envp {
      result = posix_spawnp(&childPID, program, &actions, &attributes, argv, envp)
    } else {
      result = posix_spawnp(&childPID, program, &actions, &attributes, argv, environ)
    }
    close(outPipe.write)
    if !mergeOutput { close(errPipe.write) }
    guard result == 0 else {
      close(outPipe.read)
      if !mergeOutput { close(errPipe.read) }
      throw LabError("cannot start \(program): \(String(cString: strerror(result)))")
    }
    pid = childPID
    stdout = OutputCapture(fileDescriptor: outPipe.read)
    stderr = mergeOutput ? stdout : OutputCapture(fileDescriptor: errPipe.read)
    let reaper = Thread { [self] in self.reap() }
    reaper.name = "LabProcess reaper \(childPID)"
    reaper.start()
  }

  /// The exit status (or 128+signal), nil while running.
  var status: Int32? {
    condition.lock()
    defer { condition.unlock() }
    return exitStatus
  }

  /// Waits (bounded) for the process to exit; nil when it is still running at the deadline.
  @discardableResult
  func waitForExit(until deadline: Date) -> Int32? {
    condition.lock()
    defer { condition.unlock() }
    while exitStatus == nil {
      if !condition.wait(until: deadline) { break }
    }
    return exitStatus
  }

  /// SIGTERM to the whole process group, then SIGKILL if it has not exited within `grace` seconds.
  func terminate(grace: TimeInterval = 2) {
    guard status == nil else { return }
    killpg(pid, SIGTERM)
    if waitForExit(until: Date(timeIntervalSinceNow: grace)) == nil {
      killpg(pid, SIGKILL)
      waitForExit(until: Date(timeIntervalSinceNow: grace))
    }
  }

  private func reap() {
    var raw: Int32 = 0
    var result: pid_t
    repeat { result = waitpid(pid, &raw, 0) } while result < 0 && errno == EINTR
    // WIFEXITED / WEXITSTATUS are macros Swift does not import.
    let signal = raw & 0x7f
    let code: Int32 = result < 0 ? -1 : (signal == 0 ? (raw >> 8) & 0xff : 128 + signal)
    condition.lock()
    exitStatus = code
    condition.broadcast()
    condition.unlock()
  }

  private static func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw LabError("pipe: \(String(cString: strerror(errno)))") }
    // Close-on-exec so other children do not inherit these ends (dup2 in the child clears the flag on 1 and 2).
    // pipe2(O_CLOEXEC) would be atomic but Glibc's module does not export it; tests spawn from one thread.
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return (fds[0], fds[1])
  }
}

/// What a finished one-shot command left behind.
struct CommandResult {
  let commandLine: String
  let status: Int32
  let stdout: String
  let stderr: String
  let seconds: Double
  /// True when the command was killed at its timeout.
  let timedOut: Bool
}

enum Command {
  /// Runs a command to completion, bounded by `timeout` (killed after it). Throws on a non-zero exit unless
  /// `check` is false.
  @discardableResult
  static func run(
    _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 20,
    check: Bool = true
  ) throws -> CommandResult {
    let started = Date()
    let process = try LabProcess(arguments, environment: environment)
    let deadline = started.addingTimeInterval(timeout)
    var status = process.waitForExit(until: deadline)
    let timedOut = status == nil
    if timedOut {
      process.terminate(grace: 1)
      status = process.status
    }
    // The pipes close when the process (and anything that inherited them) is gone; bounded all the same.
    _ = process.stdout.waitForClose(until: Date(timeIntervalSinceNow: 2))
    _ = process.stderr.waitForClose(until: Date(timeIntervalSinceNow: 2))
    let result = CommandResult(
      commandLine: process.commandLine, status: status ?? -1, stdout: process.stdout.text,
      stderr: process.stderr.text, seconds: Date().timeIntervalSince(started), timedOut: timedOut)
    if check && (result.status != 0 || timedOut) {
      throw LabError(
        "`\(result.commandLine)` exited \(result.status): \(result.stderr)\(result.stdout)")
    }
    return result
  }
}
