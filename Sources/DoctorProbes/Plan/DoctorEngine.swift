import Dispatch
import DoctorCore

/// The one way to run a diagnosis, shared by `diagnose` and the wizard: plan the probes, run them on the background
/// queue, stream their events, decide.
public enum DoctorEngine {
  /// Starts a diagnosis and returns at once. Events and the final report arrive on the runner's serial queue.
  public static func start(
    _ request: DiagnosisRequest, cancellation: Cancellation = Cancellation(),
    onEvent: @escaping @Sendable (ProbeEvent) -> Void, onReport: @escaping @Sendable (Report) -> Void
  ) {
    let deadline = DispatchTime.now() + request.timeout
    let context = ProbeContext(deadline: deadline, cancellation: cancellation, environment: request.environment)
    let plan = ProbePlan(request: request)
    runner(request).start(plan.tasks, context: context) { event in
      onEvent(event)
      if case .allDone(let results, let ms) = event {
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
