import Dispatch
import FoundationEssentials

/// A unit of work for the runner: one probe, possibly producing several results (a TLS handshake and the HTTP
/// exchange on the same connection) and follow-up probes whose input it just produced (DNS -> one TCP probe per address).
public struct ProbeTask: Sendable {
  /// The id of the row the wizard shows while the task runs: the id of its first result.
  public let id: ProbeID
  public let title: String
  public let target: String
  /// What this task, and the follow-ups it may start, could still report: lets the runner stop waiting for it once
  /// nothing it could say changes the conclusion. `.anything` when the task does not say.
  public let expects: PendingFacts
  public let run: @Sendable (ProbeContext) -> ProbeOutput

  public init(
    id: ProbeID, title: String, target: String, expects: PendingFacts = .anything,
    run: @escaping @Sendable (ProbeContext) -> ProbeOutput
  ) {
    self.id = id
    self.title = title
    self.target = target
    self.expects = expects
    self.run = run
  }
}

public struct ProbeOutput: Sendable {
  public var results: [ProbeResult]
  public var followUps: [ProbeTask]
  public init(results: [ProbeResult], followUps: [ProbeTask] = []) {
    self.results = results
    self.followUps = followUps
  }
  public init(_ result: ProbeResult, followUps: [ProbeTask] = []) {
    self.init(results: [result], followUps: followUps)
  }
}

/// Stopping early: asked after each result while tasks are still running, with everything reported so far and what
/// the running tasks could still add; true when the diagnosis is decided whatever they report. `stopped` is the
/// result that stands for a task stopped that way (in the report's language).
public struct EarlyStop: Sendable {
  public let isSettled: @Sendable (_ results: [ProbeResult], _ pending: [PendingFacts]) -> Bool
  public let stopped: @Sendable (_ task: ProbeTask, _ elapsedMs: Double) -> ProbeResult
  public init(
    isSettled: @escaping @Sendable ([ProbeResult], [PendingFacts]) -> Bool,
    stopped: @escaping @Sendable (ProbeTask, Double) -> ProbeResult
  ) {
    self.isSettled = isSettled
    self.stopped = stopped
  }
}

/// What listeners (the wizard, a progress line) see, in order, from one serial queue.
public enum ProbeEvent: Sendable {
  case started(id: ProbeID, title: String, target: String)
  case finished(ProbeResult)
  /// Every task ended (or the deadline's grace ran out): all results, in the order their tasks were created.
  case allDone(results: [ProbeResult], elapsedMs: Double)
}

/// Runs probes concurrently on background Dispatch queues. Follow-ups start the moment their parent finishes, so
/// dependent chains overlap instead of waiting for a stage to end.
///
/// Probes block (getaddrinfo, a connect waiting out dropped SYNs), so each runs through `runBlocking`, on a thread
/// of its own. The caller is never blocked: `start` returns at
/// once and events arrive on the runner's serial queue. A watchdog ends the run shortly after the deadline even if a
/// probe misbehaves, so the whole diagnosis stays bounded by one `--timeout`.
public final class ProbeRunner: @unchecked Sendable {
  /// After the deadline, how long stragglers may still report before they are written off.
  public static let grace: Double = 0.25

  private let qos: DispatchQoS
  private let stateQueue = DispatchQueue(label: "regdoctor.probe-runner.state")
  // State below is touched only on stateQueue.
  private var pending: [Int: ProbeTask] = [:]
  private var results: [(order: Int, index: Int, result: ProbeResult)] = []
  private var nextOrder = 0
  private var done = false
  private var startTime = DispatchTime.now()
  private var listener: (@Sendable (ProbeEvent) -> Void)?
  private let earlyStop: EarlyStop?

  public init(qos: DispatchQoS = .userInitiated, earlyStop: EarlyStop? = nil) {
    self.qos = qos
    self.earlyStop = earlyStop
  }

  /// Starts `tasks`; returns immediately. `onEvent` is called on the runner's serial queue.
  public func start(_ tasks: [ProbeTask], context: ProbeContext, onEvent: @escaping @Sendable (ProbeEvent) -> Void) {
    stateQueue.async {
      self.startTime = DispatchTime.now()
      self.listener = onEvent
      if tasks.isEmpty {
        self.finish()
        return
      }
      tasks.forEach { self.launch($0, context: context) }
      let watchdog = DispatchTime(uptimeNanoseconds: context.deadline.uptimeNanoseconds + UInt64(Self.grace * 1e9))
      self.stateQueue.asyncAfter(deadline: watchdog) { self.writeOffStragglers() }
    }
  }

  /// Runs to the end on the calling thread's behalf; for `diagnose`, which has nothing else to do meanwhile.
  public func runAndWait(
    _ tasks: [ProbeTask], context: ProbeContext, onEvent: @escaping @Sendable (ProbeEvent) -> Void = { _ in }
  )
    -> (results: [ProbeResult], elapsedMs: Double)
  {
    let finished = DispatchSemaphore(value: 0)
    let box = ResultBox()
    start(tasks, context: context) { event in
      onEvent(event)
      if case .allDone(let results, let ms) = event {
        box.value = (results, ms)
        finished.signal()
      }
    }
    finished.wait()
    return box.value ?? ([], 0)
  }

  private func launch(_ task: ProbeTask, context: ProbeContext) {
    let order = nextOrder
    nextOrder += 1
    pending[order] = task
    listener?(.started(id: task.id, title: task.title, target: task.target))
    runBlocking("probe.\(task.id)", qos: qos) {
      let output = task.run(context)
      self.stateQueue.async { self.complete(order: order, output: output, context: context) }
    }
  }

  private func complete(order: Int, output: ProbeOutput, context: ProbeContext) {
    guard !done, pending.removeValue(forKey: order) != nil else { return }
    for (i, result) in output.results.enumerated() {
      var r = result
      // The first result is the task's own row; the others came with it.
      if i > 0, r.parentID == nil { r.parentID = output.results[0].id }
      results.append((order, i, r))
      listener?(.finished(r))
    }
    if !context.cancellation.isCancelled {
      output.followUps.forEach { launch($0, context: context) }
    }
    if pending.isEmpty {
      finish()
    } else if let earlyStop, earlyStop.isSettled(orderedResults, pending.values.map(\.expects)) {
      stopPending(earlyStop)
    }
  }

  /// The conclusion is decided: what is still running cannot change it, so it is not waited for. Its threads end
  /// on their own by the deadline; what they report then is ignored.
  private func stopPending(_ earlyStop: EarlyStop) {
    let ms = elapsedMs(since: startTime)
    for (order, task) in pending.sorted(by: { $0.key < $1.key }) {
      let r = earlyStop.stopped(task, ms)
      results.append((order, 0, r))
      listener?(.finished(r))
    }
    pending.removeAll()
    finish()
  }

  private var orderedResults: [ProbeResult] {
    results.sorted { ($0.order, $0.index) < ($1.order, $1.index) }.map(\.result)
  }

  private func writeOffStragglers() {
    guard !done else { return }
    for (order, task) in pending.sorted(by: { $0.key < $1.key }) {
      let r = ProbeResult(
        id: task.id, target: task.target, status: .error, durationMs: elapsedMs(since: startTime),
        summary: LocalizedText(en: "did not finish before the deadline", ja: "期限までに終わりませんでした"))
      results.append((order, 0, r))
      listener?(.finished(r))
    }
    pending.removeAll()
    finish()
  }

  private func finish() {
    guard !done else { return }
    done = true
    listener?(.allDone(results: orderedResults, elapsedMs: elapsedMs(since: startTime)))
    listener = nil
  }
}

private final class ResultBox: @unchecked Sendable {
  var value: (results: [ProbeResult], elapsedMs: Double)?
}
