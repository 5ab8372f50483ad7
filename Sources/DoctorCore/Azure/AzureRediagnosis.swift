/// The diagnosis again, over the same probe results, with the Azure side as the user answered it. Pure.
public enum AzureRediagnosis {
  /// `base` with the Azure probe's result replaced by `azure` (added when the run had none), diagnosed again.
  public static func report(base: Report, azure: AzureFacts, proxyEnvironment: ProxyEnvironment) -> Report {
    var probes = base.results
    let index = probes.firstIndex { if case .azure = $0.facts { true } else { false } }
    let result = ProbeResult(
      id: index.map { probes[$0].id } ?? .azureRegistry, target: base.registry.acrName ?? base.registry.host,
      durationMs: 0, facts: .azure(azure))
    if let index { probes[index] = result } else { probes.append(result) }
    let input = DiagnosisInput(
      registry: base.registry, symptoms: base.symptoms, probes: probes, proxyEnvironment: proxyEnvironment)
    return Diagnosis.report(input: input, language: base.language, elapsedMs: base.elapsedMs)
  }

  /// `base` recomputed with `answers`; `base` itself when no answer is given.
  public static func report(
    base: Report, answers: [AzureQuestionID: AzureAnswer], proxyEnvironment: ProxyEnvironment
  ) -> Report {
    guard !answers.isEmpty else { return base }
    return report(
      base: base, azure: AzureQuestions.facts(from: answers, registry: base.registry),
      proxyEnvironment: proxyEnvironment)
  }
}
