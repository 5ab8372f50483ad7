/// Turns probe results into ranked findings with remedies, and one conclusion: the decision tree of the article.
public enum Diagnosis {
  /// Every finding's rule, in the catalog's order: ranking decides what comes first.
  public static func drafts(for input: DiagnosisInput) -> [FindingDraft] {
    ranked(merged(Findings.all.flatMap { $0.decide(input) }), loginServer: input.registry.host)
  }

  public static func findings(for input: DiagnosisInput, language: Language) -> [Finding] {
    let drafts = drafts(for: input)
    var findings = servedByMirror(
      drafts.map { finding(from: $0, input: input, language: language) }, drafts: drafts, input: input)
    if !findings.contains(where: { $0.severity == .error }),
      let healthy = Findings.all.lazy.compactMap({ $0.concludeWhenHealthy(input) }).first
    {
      findings.append(finding(from: healthy, input: input, language: language))
    }
    return findings
  }

  public static func conclusion(of findings: [Finding], language: Language) -> Conclusion {
    guard let first = findings.first else {
      let spec = Findings.spec(.noNetworkProblem)
      return Conclusion(finding: .noNetworkProblem, cause: .none, summary: spec.title(language))
    }
    let evidence = first.evidence.first.map { " (\($0))" } ?? ""
    return Conclusion(finding: first.id, cause: first.cause, summary: first.title + evidence)
  }

  /// Runs the rules and builds the whole report.
  public static func report(input: DiagnosisInput, language: Language, elapsedMs: Double) -> Report {
    let f = findings(for: input, language: language)
    return Report(
      registry: input.registry, language: language, symptoms: input.symptoms, probes: input.probes, findings: f,
      conclusion: conclusion(of: f, language: language), elapsedMs: elapsedMs)
  }

  /// Two rules may decide the same finding (the network and Azure's configuration both see a denied client IP):
  /// keep one, with all the evidence.
  static func merged(_ drafts: [FindingDraft]) -> [FindingDraft] {
    var out: [FindingDraft] = []
    for d in drafts {
      if let i = out.firstIndex(where: { $0.id == d.id }) {
        out[i].evidence += d.evidence.filter { !out[i].evidence.contains($0) }
        out[i].probeIDs += d.probeIDs.filter { !out[i].probeIDs.contains($0) }
        out[i].vars.merge(d.vars) { first, _ in first }
        if d.rank < out[i].rank { out[i].likelihood = d.likelihood }
      } else {
        out.append(d)
      }
    }
    return out
  }

  /// Errors before warnings before information; within a severity, the more root-cause-like first; at equal rank
  /// the login server's finding first (a pull starts there), then the catalog's order.
  static func ranked(_ drafts: [FindingDraft], loginServer: String) -> [FindingDraft] {
    drafts.enumerated().sorted { a, b in
      let sa = Findings.spec(a.element.id).severity
      let sb = Findings.spec(b.element.id).severity
      if sa != sb { return sa < sb }
      if a.element.rank != b.element.rank { return a.element.rank < b.element.rank }
      let la = a.element.vars[.host] == loginServer
      let lb = b.element.vars[.host] == loginServer
      if la != lb { return la }
      return a.offset < b.offset
    }.map(\.element)
  }

  static func finding(from d: FindingDraft, input: DiagnosisInput, language: Language) -> Finding {
    let spec = Findings.spec(d.id)
    var vars = d.vars
    vars[.loginServer] = vars[.loginServer] ?? input.registry.loginServer
    vars[.host] = vars[.host] ?? input.registry.host
    // Only the login server listens elsewhere than 443 (a private registry on :5000); data endpoints never do.
    if vars[.port] == nil {
      vars[.port] = vars[.host] == input.registry.host ? String(input.registry.port) : "443"
    }
    vars[.hostPort] = vars[.hostPort] ?? hostPort(vars[.host] ?? input.registry.host, Int(vars[.port] ?? "") ?? 443)
    if let name = input.registry.acrName { vars[.registry] = vars[.registry] ?? name }
    if vars[.dataEndpoint] == nil, let first = input.registry.dataEndpoints.first { vars[.dataEndpoint] = first }
    if vars[.proxy] == nil, let p = input.proxy.first { vars[.proxy] = p.1.proxyURL }
    return Finding(
      id: d.id, cause: spec.cause, severity: spec.severity,
      title: Runbook.fillForReading(spec.title(language), vars: vars),
      why: Runbook.fillForReading(spec.why(language), vars: vars),
      evidence: d.evidence.map(redactSecrets), probeIDs: d.probeIDs,
      remedies: Runbook.remedies(for: d.id, vars: vars, language: language))
  }
}
