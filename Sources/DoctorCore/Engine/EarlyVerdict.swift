// The verdict the moment it is decided: while probes are still running, could anything they (or the follow-ups
// they may start) report still change the conclusion? When nothing can, the diagnosis is final and the runner stops
// waiting. Each finding says what it reads (`FindingRule.reads`) and, where the facts already in hand rule it out,
// which pending facts cannot change it (`FindingRule.mayChange`).

/// What a probe still running, with the follow-ups it may start, could add to the facts.
public struct PendingFacts: Sendable, Equatable {
  public var kinds: Set<FactKind>
  /// The label of the endpoint these facts are about; nil when they may be about any endpoint (discovered ones too).
  public var endpoint: String?
  /// Measured on the direct path only (no proxy): what a client going through a proxy never uses.
  public var directOnly: Bool

  public init(_ kinds: Set<FactKind>, endpoint: String? = nil, directOnly: Bool = false) {
    self.kinds = kinds
    self.endpoint = endpoint
    self.directOnly = directOnly
  }

  /// Anything at all: what a probe that says nothing of itself might add.
  public static let anything = PendingFacts(Set(FactKind.allCases))
}

extension FindingRule {
  /// Whether facts still to come could change what this rule decides. By default: whenever they are of a kind it
  /// reads. Rules whose preconditions the facts in hand already settle say more (their own files).
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool {
    pending.contains { !$0.kinds.isDisjoint(with: reads) }
  }

  /// Pending facts of a kind this rule reads, that are not on a direct path the client does not take.
  static func relevant(_ input: DiagnosisInput, _ pending: [PendingFacts]) -> [PendingFacts] {
    pending.filter { !$0.kinds.isDisjoint(with: reads) && !input.clientBypasses($0) }
  }
}

extension DiagnosisInput {
  /// The view of the endpoint pending facts are about, once something was measured there.
  func view(of pending: PendingFacts) -> EndpointView? {
    guard let label = pending.endpoint else { return nil }
    return endpoints.first { $0.label == label }.map(view)
  }

  /// Direct-path facts of an endpoint the client reaches through its proxy (the proxy's answer is in): the client
  /// never uses them, so they cannot change a finding about the client's path.
  func clientBypasses(_ pending: PendingFacts) -> Bool {
    pending.directOnly && view(of: pending)?.goUsesProxy == true
  }

  /// The name was looked up and resolved: facts still to come about it cannot make it fail to resolve.
  func resolvedAlready(_ pending: PendingFacts) -> Bool {
    !pending.kinds.contains(.dns) && view(of: pending)?.resolved == true
  }
}

extension Diagnosis {
  /// True when no pending fact can change the conclusion or the exit code: the top finding is an error that no
  /// pending fact can remove or weaken, and no finding that pending facts could still add would outrank it (or,
  /// when nothing is wrong yet, no pending fact could add an error).
  public static func isSettled(_ input: DiagnosisInput, pending: [PendingFacts]) -> Bool {
    if pending.isEmpty { return true }
    let drafts = drafts(for: input)
    let top = drafts.first.flatMap { Findings.spec($0.id).severity == .error ? $0 : nil }
    // A Docker Hub mirror of the daemon still to be asked may serve the pull, making every error a warning.
    if top != nil, input.registry.kind == .dockerHub, input.servingDockerHubMirror == nil,
      pending.contains(where: { $0.kinds.contains(.pullerPath) && ($0.endpoint?.hasPrefix("mirror.") ?? true) })
    {
      return false
    }
    for rule in Findings.all where rule.mayChange(input, with: pending) {
      let spec = rule.spec
      guard let top else {
        if spec.severity == .error { return false }
        continue
      }
      if spec.id == top.id { return false }
      let best = min(spec.rank.usual, spec.rank.likelier ?? spec.rank.usual)
      if spec.severity == .error && best <= top.rank { return false }
    }
    return true
  }
}
