import Dispatch
import DoctorCore

/// The one way to run a diagnosis, shared by `diagnose` and the wizard: plan the probes, run them on the background
/// queue, stream their events, decide.
public enum DoctorEngine {
  /// Starts a diagnosis and returns at once. Events and the final report arrive on the runner's serial queue.
  /// `onLikely` hears the conclusion the results so far point at, each time it changes while probes still run
  /// (a silence being waited out): the conclusion likely, not yet confirmed; `onReport` confirms it.
  public static func start(
    _ request: DiagnosisRequest, cancellation: Cancellation = Cancellation(),
    onEvent: @escaping @Sendable (ProbeEvent) -> Void,
    onLikely: @escaping @Sendable (Conclusion) -> Void = { _ in },
    onReport: @escaping @Sendable (Report) -> Void
  ) {
    let deadline = DispatchTime.now() + request.timeout
    let context = ProbeContext(deadline: deadline, cancellation: cancellation, environment: request.environment)
    let plan = ProbePlan(request: request)
    // Touched only from the runner's serial queue, where events arrive in order.
    let sofar = ResultsSoFar()
    runner(request).start(plan.tasks, context: context) { event in
      onEvent(event)
      switch event {
      case .finished(let result):
        sofar.results.append(result)
        let likely = Diagnosis.report(input: input(request, sofar.results), language: request.language, elapsedMs: 0)
          .conclusion
        if likely != sofar.likely {
          sofar.likely = likely
          onLikely(likely)
        }
      case .allDone(let results, let ms):
        onReport(report(request, results, elapsedMs: ms))
      case .started:
        break
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
        ProbeDescriber.stopped(id: task.id, target: task.target, durationMs: ms, language: request.language)
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

/// The results a running diagnosis has reported so far, and the conclusion they point at.
private final class ResultsSoFar: @unchecked Sendable {
  var results: [ProbeResult] = []
  var likely: Conclusion?
}
