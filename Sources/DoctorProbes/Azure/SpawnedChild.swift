import Dispatch
import DoctorCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// A child process started with posix_spawn in a process group of its own, with its own exit watcher.
///
/// Not Foundation's `Process`: on Linux it reports a child's exit through a socket source on one shared manager run
/// loop, and with several children started at once (the Azure probe starts five) the exits of all of them were
/// now and then never reported; the probe then waited out the deadline although every az had ended (issue 11, about
/// one diagnosis in 20). Here one thread per child blocks in waitid on that child alone, which cannot miss it.
///
/// The child starts clean whatever the spawning thread carries: empty signal mask (Dispatch worker threads block
/// SIGTERM and friends) and default dispositions (the wizard ignores SIGTERM, SIGINT and SIGHUP), so the SIGTERM
/// we send at the deadline works. Our pipes are close-on-exec, so a child inherits only its own.
final class SpawnedChild: @unchecked Sendable {
  let pid: pid_t
  /// Read ends of the child's stdout and stderr pipes; the caller reads them to EOF and closes them.
  let stdoutFD: Int32
  let stderrFD: Int32

  private let lock = ThreadLock()
  private var status: Int32?
  private let exited = DispatchSemaphore(value: 0)

  private init(pid: pid_t, stdoutFD: Int32, stderrFD: Int32) {
    self.pid = pid
    self.stdoutFD = stdoutFD
    self.stderrFD = stderrFD
  }

  /// Starts `executable` with stdin from /dev/null, or reading `stdin` (at most a pipe's buffer: a credential
  /// helper's server name); `onExit` runs (on the watcher thread) once it has been reaped.
  static func spawn(
    executable: String, arguments: [String], environment: [String: String], stdin: [UInt8] = [],
    onExit: @escaping @Sendable () -> Void
  ) -> Result<SpawnedChild, SpawnFailure> {
    // One spawn at a time: a pipe made by another thread is marked close-on-exec before any child can inherit it.
    spawnLock.lock()
    defer { spawnLock.unlock() }
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    guard pipe(&outPipe) == 0 else { return .failure(SpawnFailure(errno, "pipe")) }
    guard pipe(&errPipe) == 0 else {
      let error = errno
      outPipe.forEach { close($0) }
      return .failure(SpawnFailure(error, "pipe"))
    }
    for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var inPipe: [Int32] = [-1, -1]
    if !stdin.isEmpty {
      guard stdin.count <= 4096, pipe(&inPipe) == 0 else {
        (outPipe + errPipe).forEach { close($0) }
        return .failure(SpawnFailure(EINVAL, "stdin pipe"))
      }
      for fd in inPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      // Fits the pipe's buffer: written whole before the child starts, then the write end is closed (EOF).
      _ = stdin.withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
      close(inPipe[1])
    }
    defer { if inPipe[0] >= 0 { close(inPipe[0]) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if inPipe[0] >= 0 {
      posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    close(outPipe[1])
    close(errPipe[1])
    guard result == 0 else {
      close(outPipe[0])
      close(errPipe[0])
      return .failure(SpawnFailure(result, "cannot run \(executable)"))
    }
    LiveChildren.shared.add(pid)
    let child = SpawnedChild(pid: pid, stdoutFD: outPipe[0], stderrFD: errPipe[0])
    runBlocking("azure.child") { child.watch(onExit: onExit) }
    return .success(child)
  }

  /// Waits for the child's exit, then kills what is left of its group and reaps it.
  private func watch(onExit: @Sendable () -> Void) {
    var info = siginfo_t()
    // WNOWAIT leaves the zombie in place: its pid, and so its process group id, cannot be reused while we signal.
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    let raw = LiveChildren.shared.reap(pid)
    lock.withLock { status = raw }
    exited.signal()
    onExit()
  }

  /// Signals the child's whole process group, unless the child has been reaped (its id may be reused by then).
  func signalGroup(_ signal: Int32) {
    LiveChildren.shared.signal(pid, signal)
  }

  /// Waits until the child has been reaped; false when `deadline` came first.
  func waitForExit(until deadline: DispatchTime) -> Bool {
    guard exited.wait(timeout: deadline) == .success else { return false }
    exited.signal()
    return true
  }

  /// The exit code, 128 + signal when a signal ended it (as a shell says); nil while it runs.
  var exitCode: Int32? {
    lock.withLock {
      guard let raw = status else { return nil }
      let signal = raw & 0x7f
      return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }
  }
}

struct SpawnFailure: Error {
  let message: String
  init(_ code: Int32, _ what: String) {
    message = "\(what): \(String(cString: strerror(code)))"
  }
}

private let spawnLock = ThreadLock()

/// The children not reaped yet. Whatever way regdoctor exits, an atexit handler kills their groups and reaps them,
/// so a run that ends at the deadline (the probe written off while its az is still being stopped) leaves nothing.
private final class LiveChildren: @unchecked Sendable {
  static let shared: LiveChildren = {
    atexit { LiveChildren.shared.killAll() }
    return LiveChildren()
  }()

  private let lock = ThreadLock()
  private var pids: Set<pid_t> = []

  func add(_ pid: pid_t) { lock.withLock { _ = pids.insert(pid) } }

  func signal(_ pid: pid_t, _ signal: Int32) {
    lock.withLock {
      if pids.contains(pid) { _ = kill(-pid, signal) }
    }
  }

  /// Kills the rest of the exited child's group (a grandchild left behind would hold the pipes open and outlive
  /// us), then reaps the child: under the lock, so no one signals a group id that is free for reuse.
  func reap(_ pid: pid_t) -> Int32 {
    lock.withLock {
      kill(-pid, SIGKILL)
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
      pids.remove(pid)
      return raw
    }
  }

  func killAll() {
    lock.withLock {
      for pid in pids { kill(-pid, SIGKILL) }
      for pid in pids { while waitpid(pid, nil, 0) < 0 && errno == EINTR {} }
      pids.removeAll()
    }
  }
}
