// What a finding rests on, for a watch that re-runs only the probes behind the failing findings.

extension FindingID {
  /// The kinds of facts this finding's rule reads (`FindingRule.reads`).
  public var reads: Set<FactKind> { Findings.rule(self).reads }
}
