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
    ProbeRunner().start(plan.tasks, context: context) { event in
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
    let (results, ms) = ProbeRunner().runAndWait(ProbePlan(request: request).tasks, context: context, onEvent: onEvent)
    return report(request, results, elapsedMs: ms)
  }

  static func report(_ request: DiagnosisRequest, _ results: [ProbeResult], elapsedMs: Double) -> Report {
    let input = DiagnosisInput(
      registry: request.registry, symptoms: request.symptoms, probes: results,
      proxyEnvironment: request.proxyEnvironment)
    return Diagnosis.report(input: input, language: request.language, elapsedMs: elapsedMs)
  }
}
