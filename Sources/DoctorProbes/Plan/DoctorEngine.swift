import Dispatch
import DoctorCore

/// The one way to run a diagnosis, shared by `diagnose` and the wizard: plan the probes, run them on the background
/// queue, stream their events, decide.
public enum DoctorEngine {
  /// Starts a diagnosis and returns at once. Events and the final report arrive on the runner's serial queue.
  /// `onLikely` hears the conclusion the results so far point at, each time it changes while probes still run:
  /// likely, not yet confirmed; `onReport` confirms it. A connection attempt still unanswered after a second counts
  /// as a SYN unanswered for that long, so a silence being waited out already names its likely conclusion.
  public static func start(
    _ request: DiagnosisRequest, cancellation: Cancellation = Cancellation(),
    onEvent: @escaping @Sendable (ProbeEvent) -> Void,
    onLikely: @escaping @Sendable (Conclusion) -> Void = { _ in },
    onReport: @escaping @Sendable (Report) -> Void
  ) {
    let deadline = DispatchTime.now() + request.timeout
    let context = ProbeContext(deadline: deadline, cancellation: cancellation, environment: request.environment)
    let plan = ProbePlan(request: request)
    let sofar = ResultsSoFar(start: DispatchTime.now())
    let reconsider: @Sendable () -> Void = {
      guard let likely = sofar.likelyChange({ input(request, $0) }, language: request.language) else { return }
      onLikely(likely)
    }
    sofar.tick.schedule(deadline: .now() + 1, repeating: 0.5)
    sofar.tick.setEventHandler(handler: reconsider)
    sofar.tick.resume()
    runner(request).start(plan.tasks, context: context) { event in
      onEvent(event)
      switch event {
      case .started(let id, _, _):
        _ = sofar.queue.sync { sofar.running.insert(id) }
      case .finished(let result):
        sofar.queue.sync {
          sofar.running.remove(result.id)
          sofar.results.append(result)
        }
        sofar.queue.async(execute: reconsider)
      case .allDone(let results, let ms):
        sofar.queue.sync {
          sofar.done = true
          sofar.tick.cancel()
        }
        onReport(report(request, results, elapsedMs: ms))
      }
    }
  }

  /// Runs a diagnosis to the end; for `diagnose`.
  public static func diagnose(_ request: DiagnosisRequest, onEvent: @escaping @Sendable (ProbeEvent) -> Void = { _ in })
    -> Report
  {
    let context = ProbeContext(
      deadline: DispatchTime.now() + request.timeout, environment: request.environment)
    let (results, ms) = runner(request).runAndWait(
      ProbePlan(request: request).tasks, context: context, onEvent: onEvent)
    return report(request, results, elapsedMs: ms)
  }

  /// A runner that stops waiting once the conclusion is decided, unless the request asks to wait for everything.
  static func runner(_ request: DiagnosisRequest) -> ProbeRunner {
    guard request.earlyStop else { return ProbeRunner() }
    let earlyStop = EarlyStop(
      isSettled: { results, pending in Diagnosis.isSettled(input(request, results), pending: pending) },
      stopped: { task, ms in
        ProbeDescriber.stopped(id: task.id, target: task.target, durationMs: ms)
      })
    return ProbeRunner(earlyStop: earlyStop)
  }

  static func input(_ request: DiagnosisRequest, _ results: [ProbeResult]) -> DiagnosisInput {
    DiagnosisInput(
      registry: request.registry, symptoms: request.symptoms, probes: results,
      proxyEnvironment: request.proxyEnvironment)
  }

  static func report(_ request: DiagnosisRequest, _ results: [ProbeResult], elapsedMs: Double) -> Report {
    Diagnosis.report(input: input(request, results), language: request.language, elapsedMs: elapsedMs)
  }
}

/// The results a running diagnosis has reported so far, the probes still running, and the conclusion they point
/// at. Touched only on `queue`.
private final class ResultsSoFar: @unchecked Sendable {
  let queue = DispatchQueue(label: "regdoctor.likely-conclusion")
  /// Every half second from the first: a silence grows more likely the longer it lasts.
  let tick: DispatchSourceTimer
  let start: DispatchTime
  var results: [ProbeResult] = []
  var running: Set<ProbeID> = []
  var likely: Conclusion?
  var done = false

  init(start: DispatchTime) {
    self.start = start
    tick = DispatchSource.makeTimerSource(queue: queue)
  }

  /// The conclusion now likely, when it differs from the last one said; nil otherwise or once the report is in.
  func likelyChange(_ input: ([ProbeResult]) -> DiagnosisInput, language: Language) -> Conclusion? {
    guard !done else { return nil }
    // The findings alone: a whole report would also word every probe, every tick, for nothing.
    let findings = Diagnosis.findings(for: input(results + unansweredConnects()), language: language)
    let now = Diagnosis.conclusion(of: findings, language: language)
    guard now != likely else { return nil }
    likely = now
    return now
  }

  /// A TCP probe still running after a second: its SYN is unanswered so far, as a timeout would report it.
  private func unansweredConnects() -> [ProbeResult] {
    let ms = elapsedMs(since: start)
    guard ms >= 1000 else { return [] }
    return results.flatMap { result -> [ProbeResult] in
      guard case .dns(let dns) = result.facts else { return [] }
      return dns.system.addresses.compactMap { address in
        let id = ProbeID.tcp(dns.endpoint, address.ip)
        guard running.contains(id) else { return nil }
        let facts = TCPFacts(endpoint: dns.endpoint, address: address, outcome: .timeout, ms: ms)
        return ProbeResult(id: id, target: id.rawValue, status: .fail, durationMs: ms, summary: "", facts: .tcp(facts))
      }
    }
  }
}
