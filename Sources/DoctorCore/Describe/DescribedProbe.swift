/// One probe as a report or the wizard shows it: the result as measured, and what ProbeDescriber says of it in one
/// language, derived once where it is shown (a report describes its probes when it is made, the wizard a result when
/// it arrives).
public struct DescribedProbe: Sendable {
  public var result: ProbeResult
  public var status: ProbeStatus
  /// One line, in the language it was described in.
  public var summary: String
  public var details: [Detail]
  public var phases: [PhaseTiming]

  public var id: ProbeID { result.id }
  public var target: String { result.target }
  public var durationMs: Double { result.durationMs }
  public var facts: ProbeFacts { result.facts }
  public var stoppedEarly: Bool { result.stoppedEarly }
  public var parentID: ProbeID? { result.parentID }
}

// What needs no language can be asked of a result itself; each asks ProbeDescriber. A verdict is decided beside its
// words (one place per kind of fact), so asking for it alone makes the English words and drops them.
extension ProbeResult {
  /// pass, warn, fail, skip or error: the same in every language.
  public var status: ProbeStatus { ProbeDescriber.words(self, .en).0 }
  /// The evidence lines: technical English, the same in every language.
  public var details: [Detail] { ProbeDescriber.words(self, .en).2 }
  public var phases: [PhaseTiming] { ProbeDescriber.words(self, .en).3 }
  public func summary(in language: Language) -> String { ProbeDescriber.words(self, language).1 }
}
