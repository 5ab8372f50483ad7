import Dispatch
import DoctorCore
import Foundation
import XCTest

final class ProbeRunnerTests: XCTestCase {

  func context(seconds: Double = 5) -> ProbeContext {
    ProbeContext(deadline: .now() + seconds, environment: [:])
  }

  func testFollowUpsRunAndResultsKeepCreationOrder() {
    let child = ProbeTask(id: "child", title: "c", target: "t") { _ in ProbeOutput(result("child")) }
    let parent = ProbeTask(id: "parent", title: "p", target: "t") { _ in
      ProbeOutput(result("parent"), followUps: [child])
    }
    let other = ProbeTask(id: "other", title: "o", target: "t") { _ in ProbeOutput(result("other")) }
    let (results, _) = ProbeRunner().runAndWait([parent, other], context: context())
    XCTAssertEqual(results.map(\.id), ["parent", "other", "child"])
  }

  func testResultsThatCameWithAnotherNameItAsTheirParent() {
    let pair = ProbeTask(id: "tls.x", title: "TLS+HTTP x", target: "t") { _ in
      ProbeOutput(results: [result("tls.x"), result("http.x")])
    }
    let single = ProbeTask(id: "dns.x", title: "DNS x", target: "t") { _ in ProbeOutput(result("dns.x")) }
    let (results, _) = ProbeRunner().runAndWait([pair, single], context: context())
    XCTAssertEqual(results.map(\.id), ["tls.x", "http.x", "dns.x"])
    XCTAssertEqual(results.map(\.parentID), [nil, "tls.x", nil])
  }

  func testProbesRunConcurrently() {
    // Sixteen blocking probes each wait for all sixteen to have started: only a runner that gives every probe a
    // thread of its own (not one capped at the core count) gets past the barrier.
    let n = 16
    let started = DispatchGroup()
    (0..<n).forEach { _ in started.enter() }
    let tasks = (0..<n).map { i in
      ProbeTask(id: ProbeID(rawValue: "p\(i)"), title: "p", target: "t") { _ in
        started.leave()
        let all = started.wait(timeout: .now() + 5) == .success
        return ProbeOutput(result(ProbeID(rawValue: "p\(i)"), all ? .pass : .fail))
      }
    }
    let (results, _) = ProbeRunner().runAndWait(tasks, context: context())
    XCTAssertEqual(results.map(\.status), Array(repeating: .pass, count: n))
  }

  func testEventsStreamStartedFinishedThenAllDone() {
    let events = EventLog()
    let task = ProbeTask(id: "a", title: "A", target: "t") { _ in ProbeOutput(result("a")) }
    _ = ProbeRunner().runAndWait([task], context: context()) { events.append($0) }
    XCTAssertEqual(events.names, ["started:a", "finished:a", "allDone:1"])
  }

  func testStartReturnsBeforeProbesFinish() {
    let release = DispatchSemaphore(value: 0)
    let done = expectation(description: "all done")
    let task = ProbeTask(id: "slow", title: "s", target: "t") { _ in
      release.wait()
      return ProbeOutput(result("slow"))
    }
    ProbeRunner().start([task], context: context()) { if case .allDone = $0 { done.fulfill() } }
    // Reaching this line at all proves start() did not wait for the probe, which is still blocked.
    release.signal()
    wait(for: [done], timeout: 5)
  }

  /// Once the conclusion is decided, a probe still waiting (a dropped SYN) is not waited for: the run ends at once,
  /// long before the deadline, and the probe is reported as stopped, not failed. The check sees what the running
  /// task said it could still report.
  func testEarlyStopEndsTheRunWhenWhatIsRunningCannotChangeTheConclusion() {
    let never = DispatchSemaphore(value: 0)
    defer { never.signal() }
    let expects = PendingFacts([.tcp], endpoint: "login-server", directOnly: true)
    let silent = ProbeTask(id: "silent", title: "s", target: "t", expects: expects) { _ in
      _ = never.wait(timeout: .now() + 30)
      return ProbeOutput(result("silent"))
    }
    let decisive = ProbeTask(id: "decisive", title: "d", target: "t") { _ in ProbeOutput(result("decisive", .fail)) }
    let seen = PendingLog()
    let earlyStop = EarlyStop(
      isSettled: { results, pending in
        seen.append(pending)
        return results.contains { $0.id == "decisive" }
      },
      stopped: { task, ms in
        ProbeResult(
          id: task.id, target: task.target, status: .skip, durationMs: ms, summary: "stopped", stoppedEarly: true)
      })
    let start = DispatchTime.now()
    let (results, _) = ProbeRunner(earlyStop: earlyStop).runAndWait([silent, decisive], context: context(seconds: 20))
    XCTAssertLessThan(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, 10)
    XCTAssertEqual(results.map(\.id), ["silent", "decisive"])
    XCTAssertEqual(results.first?.stoppedEarly, true)
    XCTAssertEqual(results.first?.status, .skip)
    XCTAssertEqual(seen.value.last, [expects])
  }

  func testWithoutEarlyStopTheRunWaitsForEveryProbe() {
    let release = DispatchSemaphore(value: 0)
    let slow = ProbeTask(id: "slow", title: "s", target: "t") { _ in
      _ = release.wait(timeout: .now() + 30)
      return ProbeOutput(result("slow"))
    }
    let releaser = ProbeTask(id: "releaser", title: "r", target: "t") { _ in
      release.signal()
      return ProbeOutput(result("releaser"))
    }
    let (results, _) = ProbeRunner().runAndWait([slow, releaser], context: context(seconds: 20))
    XCTAssertEqual(results.map(\.status), [.pass, .pass])
    XCTAssertFalse(results.contains(where: \.stoppedEarly))
  }

  func testWatchdogWritesOffAProbeThatIgnoresTheDeadline() {
    let never = DispatchSemaphore(value: 0)
    let stuck = ProbeTask(id: "stuck", title: "s", target: "t") { _ in
      _ = never.wait(timeout: .now() + 30)
      return ProbeOutput(result("stuck"))
    }
    let (results, _) = ProbeRunner().runAndWait([stuck], context: context(seconds: 0.2))
    never.signal()
    XCTAssertEqual(results.map(\.id), ["stuck"])
    XCTAssertEqual(results.first?.status, .error)
  }

  func testCancellationStopsFollowUps() {
    let cancellation = Cancellation()
    let child = ProbeTask(id: "child", title: "c", target: "t") { _ in ProbeOutput(result("child")) }
    let parent = ProbeTask(id: "parent", title: "p", target: "t") { _ in
      cancellation.cancel()
      return ProbeOutput(result("parent"), followUps: [child])
    }
    let ctx = ProbeContext(deadline: .now() + 5, cancellation: cancellation, environment: [:])
    let (results, _) = ProbeRunner().runAndWait([parent], context: ctx)
    XCTAssertEqual(results.map(\.id), ["parent"])
  }

  func testCancellationHandlersRunOnceEvenWhenRegisteredLate() {
    let c = Cancellation()
    let count = Counter()
    c.onCancel { count.increment() }
    c.cancel()
    c.cancel()
    c.onCancel { count.increment() }
    XCTAssertEqual(count.value, 2)
    XCTAssertTrue(c.isCancelled)
  }
}

final class EventLog: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func append(_ e: ProbeEvent) {
    let name: String
    switch e {
    case .started(let id, _, _): name = "started:\(id)"
    case .finished(let r): name = "finished:\(r.id)"
    case .allDone(let rs, _): name = "allDone:\(rs.count)"
    }
    lock.withLock { items.append(name) }
  }
  var names: [String] { lock.withLock { items } }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func increment() { lock.withLock { n += 1 } }
  var value: Int { lock.withLock { n } }
}

private func result(_ id: ProbeID, _ status: ProbeStatus = .pass) -> ProbeResult {
  ProbeResult(id: id, target: "t", status: status, durationMs: 0, summary: id.rawValue)
}

/// What the early-stop check was asked, across threads.
private final class PendingLog: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [[PendingFacts]] = []
  func append(_ pending: [PendingFacts]) { lock.withLock { entries.append(pending) } }
  var value: [[PendingFacts]] { lock.withLock { entries } }
}
