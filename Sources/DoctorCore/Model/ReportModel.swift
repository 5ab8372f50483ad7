import FoundationEssentials

/// A remedy with its commands filled in for this registry, region, client IP.
public struct Remedy: Sendable, Equatable, Codable {
  public var title: String
  public var steps: String
  public var commands: [String]
  public var changesSomething: Bool
  public init(title: String, steps: String, commands: [String], changesSomething: Bool) {
    self.title = title
    self.steps = steps
    self.commands = commands
    self.changesSomething = changesSomething
  }
}

/// One leaf of the decision tree that applies here, with its evidence.
public struct Finding: Sendable, Equatable {
  public var id: FindingID
  public var cause: CauseID
  public var severity: Severity
  public var title: String
  public var why: String
  /// Facts and probe ids, one a line: `dns.login-server: NXDOMAIN from 10.0.0.2`.
  public var evidence: [String]
  /// The probe ids this finding rests on, for drill-down.
  public var probeIDs: [ProbeID]
  public var remedies: [Remedy]
  public init(
    id: FindingID, cause: CauseID, severity: Severity, title: String, why: String, evidence: [String],
    probeIDs: [ProbeID], remedies: [Remedy]
  ) {
    self.id = id
    self.cause = cause
    self.severity = severity
    self.title = title
    self.why = why
    self.evidence = evidence
    self.probeIDs = probeIDs
    self.remedies = remedies
  }
}

public struct Conclusion: Sendable, Equatable {
  public var finding: FindingID
  public var cause: CauseID
  public var summary: String
  public init(finding: FindingID, cause: CauseID, summary: String) {
    self.finding = finding
    self.cause = cause
    self.summary = summary
  }
}

/// Everything a diagnosis produced: what `diagnose` prints and what the wizard walks.
public struct Report: Sendable {
  public var registry: RegistryTarget
  public var language: Language
  public var symptoms: [SymptomID]
  /// Every result, described in the report's language (once, here: every format and the wizard read these).
  public var probes: [DescribedProbe]
  /// Ranked: the most likely root cause first.
  public var findings: [Finding]
  public var conclusion: Conclusion
  public var elapsedMs: Double
  /// What `--error` text said (nil without `--error`): JSON `errorFacts`, evidence lines in text and Markdown.
  public var errorExplanation: ErrorExplanation?
  public init(
    registry: RegistryTarget, language: Language, symptoms: [SymptomID], probes: [ProbeResult], findings: [Finding],
    conclusion: Conclusion, elapsedMs: Double
  ) {
    self.registry = registry
    self.language = language
    self.symptoms = symptoms
    self.probes = probes.map { ProbeDescriber.describe($0, in: language) }
    self.findings = findings
    self.conclusion = conclusion
    self.elapsedMs = elapsedMs
  }
  /// The results as measured, without their words: what a diagnosis again reads.
  public var results: [ProbeResult] { probes.map(\.result) }
  /// `diagnose`'s exit code: 1 when any finding is an error.
  public var hasError: Bool { findings.contains { $0.severity == .error } }
  /// The probes not waited for because the conclusion was decided without them.
  public var stoppedProbes: [ProbeID] { probes.filter(\.stoppedEarly).map(\.id) }
}
