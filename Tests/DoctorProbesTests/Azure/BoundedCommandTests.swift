import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// BoundedCommand: children that start with clean signal state and really stop.
final class BoundedCommandTests: XCTestCase {
  var directory = ""

  override func setUpWithError() throws {
    directory = try temporaryDirectory("bounded")
  }

  /// A child of a thread that blocks SIGTERM and SIGHUP (as Dispatch's worker threads do) still starts with
  /// nothing blocked and nothing ignored, so the SIGTERM sent at the deadline ends it.
  func testChildStartsWithAnEmptySignalMaskAndDefaultDispositions() throws {
    let box = OutputBox()
    let thread = Thread {
      var blocked = sigset_t()
      sigemptyset(&blocked)
      sigaddset(&blocked, SIGTERM)
      sigaddset(&blocked, SIGHUP)
      pthread_sigmask(SIG_BLOCK, &blocked, nil)
      box.value = BoundedCommand.run(
        executable: "/bin/cat", arguments: ["/proc/self/status"], environment: [:],
        deadline: .now() + 20, cancellation: Cancellation())
      box.done.signal()
    }
    thread.start()
    box.done.wait()
    let output = try XCTUnwrap(box.value)
    XCTAssertEqual(output.ending, .exited(0))
    let status = String(decoding: output.stdout, as: UTF8.self)
    let lines = status.split(separator: "\n").filter { $0.hasPrefix("SigBlk:") || $0.hasPrefix("SigIgn:") }
    XCTAssertEqual(lines.count, 2, status)
    // Signals 1-31 (32 and 33 are glibc's own, which it keeps ignored in any process).
    for line in lines {
      let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16)
      XCTAssertEqual(mask.map { $0 & 0x7fff_ffff }, 0, String(line))
    }
  }

  /// A command that hangs and has forked a grandchild: at the deadline both are gone, not left running.
  func testNoChildOrGrandchildSurvivesTheDeadline() throws {
    let script = try writeScript(
      "hang", "echo $$ >> \"$1\"; sleep 300 & echo $! >> \"$1\"; wait")
    let pids = directory + "/pids"
    let output = BoundedCommand.run(
      executable: script, arguments: [pids], environment: ["PATH": "/usr/bin:/bin"],
      deadline: .now() + 1, cancellation: Cancellation())
    XCTAssertEqual(output.ending, .timedOut)
    let started = try readPIDs(pids)
    XCTAssertEqual(started.count, 2)
    for pid in started { XCTAssertFalse(stillRunsAfterKill(pid), "pid \(pid) still runs") }
  }

  /// A command that exits at once but leaves a background grandchild holding stdout: it is reported as exited
  /// (not as a timeout at the deadline) and the grandchild is killed.
  func testAGrandchildLeftBehindIsKilledWhenTheCommandExits() throws {
    let script = try writeScript("leave", "sleep 300 & echo $! >> \"$1\"; echo done")
    let pids = directory + "/pids"
    let output = BoundedCommand.run(
      executable: script, arguments: [pids], environment: ["PATH": "/usr/bin:/bin"],
      deadline: .now() + 60, cancellation: Cancellation())
    XCTAssertEqual(output.ending, .exited(0))
    XCTAssertEqual(String(decoding: output.stdout, as: UTF8.self), "done\n")
    for pid in try readPIDs(pids) { XCTAssertFalse(stillRunsAfterKill(pid), "pid \(pid) still runs") }
  }

  func testAMissingExecutableIsALaunchFailure() {
    let output = BoundedCommand.run(
      executable: directory + "/none", arguments: [], environment: [:], deadline: .now() + 5,
      cancellation: Cancellation())
    guard case .launchFailed(let message) = output.ending else {
      return XCTFail("\(output.ending)")
    }
    XCTAssertTrue(message.contains("No such file"), message)
  }

  // MARK: Helpers

  func writeScript(_ name: String, _ body: String) throws -> String {
    let path = directory + "/" + name
    try "#!/bin/bash\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  func readPIDs(_ path: String) throws -> [pid_t] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { pid_t($0) }
  }
}

/// Whether `pid` is a live process (a zombie waiting for its parent to reap it does not run).
/// A SIGKILLed grandchild (reparented, so not reaped by the command's runner) dies asynchronously: on a loaded
/// machine it can still be listed as running just after the kill. True only if it is still running 2 s later
/// (the command it ran sleeps 300 s, so one never killed stays running).
func stillRunsAfterKill(_ pid: pid_t) -> Bool {
  let deadline = DispatchTime.now() + 2
  while isRunning(pid) {
    if DispatchTime.now() >= deadline { return true }
    usleep(10_000)
  }
  return false
}

func isRunning(_ pid: pid_t) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let close = stat.lastIndex(of: ")")
  else { return false }
  let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
  return state != "Z" && state != "X"
}

private final class OutputBox: @unchecked Sendable {
  var value: CommandOutput?
  let done = DispatchSemaphore(value: 0)
}
