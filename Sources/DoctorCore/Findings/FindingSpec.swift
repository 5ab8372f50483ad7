// What a finding is (its spec) and the shape of the file that holds it (a `FindingRule`): one file per finding,
// named after its id, holding its meaning, rank, texts, remedies and the rule that decides it.

public struct FindingSpec: Sendable {
  public let id: FindingID
  public let cause: CauseID
  public let severity: Severity
  /// How root-cause-like this finding is among findings of the same severity.
  public let rank: FindingRank
  public let title: LocalizedText
  /// Why this breaks pulls and pushes, in a sentence or two.
  public let why: LocalizedText
  /// Ranked, most effective first.
  public let remedies: [RemedySpec]
  public init(
    id: FindingID, cause: CauseID, severity: Severity, rank: FindingRank, title: LocalizedText, why: LocalizedText,
    remedies: [RemedySpec]
  ) {
    self.id = id
    self.cause = cause
    self.severity = severity
    self.rank = rank
    self.title = title
    self.why = why
    self.remedies = remedies
  }
}

/// Lower ranks come first among findings of the same severity: the more root-cause-like, the lower. A name that
/// does not resolve (10) explains a connection that cannot be made (20), which explains a TLS failure (30).
public struct FindingRank: Sendable, Equatable, ExpressibleByIntegerLiteral {
  public let usual: Int
  /// When the evidence makes the finding more likely the root cause than usual (its rule says `.likelier`).
  public let likelier: Int?
  /// When the evidence makes it less likely (`.lessLikely`).
  public let lessLikely: Int?

  public init(_ usual: Int, likelier: Int? = nil, lessLikely: Int? = nil) {
    self.usual = usual
    self.likelier = likelier
    self.lessLikely = lessLikely
  }
  public init(integerLiteral value: Int) { self.init(value) }

  public func value(_ likelihood: Likelihood) -> Int {
    switch likelihood {
    case .usual: return usual
    case .likelier: return likelier ?? usual
    case .lessLikely: return lessLikely ?? usual
    }
  }
}

/// What a rule says about how sure the evidence makes it; the spec's `FindingRank` turns it into a rank.
public enum Likelihood: Sendable, Equatable {
  case usual, likelier, lessLikely
}

/// The kinds of facts a rule reads, so that what depends on which probe is known without running the rule.
public enum FactKind: String, Sendable, CaseIterable {
  case dns, nameservers, hostsFile, tcp, tls, http, proxy, dockerDaemon, pullerPath, puller, azure, symptoms,
  resolvers, pull
}

/// One finding's room: a type named after the finding's id, in a file of the same name under Findings/<cause>/.
/// Registered in `Findings.all`; a test proves every id has exactly one.
protocol FindingRule: Sendable {
  static var spec: FindingSpec { get }
  /// The facts `decide` looks at.
  static var reads: Set<FactKind> { get }
  /// The drafts this finding's rule is sure of (empty when it has nothing to say).
  static func decide(_ input: DiagnosisInput) -> [FindingDraft]
  /// For the outcomes (no-network-problem, network-ok-check-authentication): the draft to report when no rule
  /// found an error.
  static func concludeWhenHealthy(_ input: DiagnosisInput) -> FindingDraft?
  /// Whether facts still to come could change what `decide` says (Engine/EarlyVerdict.swift has the default).
  static func mayChange(_ input: DiagnosisInput, with pending: [PendingFacts]) -> Bool
}

extension FindingRule {
  static func concludeWhenHealthy(_ input: DiagnosisInput) -> FindingDraft? { nil }
}
