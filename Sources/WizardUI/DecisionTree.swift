import DoctorCore

/// One visible row of the decision tree.
public struct TreeRow: Sendable, Equatable {
  public var node: TreeNodeID
  public var depth: Int
  public var label: String
  public var hasChildren: Bool
  public var isExpanded: Bool
  /// A cause with no finding: the probes ruled it out (drawn dimmed).
  public var ruledOut: Bool
  /// On the path to the conclusion (drawn highlighted).
  public var isLikely: Bool
  public var severity: Severity?
}

extension AppState {
  /// Causes in the runbook's order, plus any cause a finding names that the runbook did not list.
  var treeCauses: [CauseID] {
    var causes = config.causes.map(\.id)
    for finding in report?.findings ?? [] where !causes.contains(finding.cause) { causes.append(finding.cause) }
    return causes
  }

  func causeTitle(_ cause: CauseID) -> String {
    let title = config.causes.first { $0.id == cause }?.title(language) ?? cause.rawValue
    if let number = cause.articleNumber { return "\(number) \(title)" }
    return title
  }

  func findingIndices(of cause: CauseID) -> [Int] {
    guard let report else { return [] }
    return report.findings.indices.filter { report.findings[$0].cause == cause }
  }

  /// The finding the conclusion names (the first with that id), the end of the highlighted path.
  var likelyFindingIndex: Int? {
    guard let report else { return nil }
    return report.findings.firstIndex { $0.id == report.conclusion.finding }
  }

  /// The rows the tree shows, given which nodes are expanded (derived once per change: `refreshDerived`).
  func buildTreeRows() -> [TreeRow] {
    guard let report else { return [] }
    let likelyCause = report.conclusion.cause
    let likelyFinding = likelyFindingIndex
    var rows: [TreeRow] = []
    for cause in treeCauses {
      let findings = findingIndices(of: cause)
      let causeExpanded = diagnosis.expanded.contains(.cause(cause))
      rows.append(
        TreeRow(
          node: .cause(cause), depth: 0, label: causeTitle(cause), hasChildren: !findings.isEmpty,
          isExpanded: causeExpanded && !findings.isEmpty, ruledOut: findings.isEmpty, isLikely: cause == likelyCause,
          severity: nil))
      guard causeExpanded else { continue }
      for index in findings {
        let finding = report.findings[index]
        let findingExpanded = diagnosis.expanded.contains(.finding(index))
        rows.append(
          TreeRow(
            node: .finding(index), depth: 1, label: finding.title, hasChildren: !finding.remedies.isEmpty,
            isExpanded: findingExpanded && !finding.remedies.isEmpty, ruledOut: false, isLikely: index == likelyFinding,
            severity: finding.severity))
        guard findingExpanded else { continue }
        for (r, remedy) in finding.remedies.enumerated() {
          rows.append(
            TreeRow(
              node: .remedy(finding: index, index: r), depth: 2, label: remedy.title, hasChildren: false,
              isExpanded: false, ruledOut: false, isLikely: index == likelyFinding && r == 0, severity: nil))
        }
      }
    }
    return rows + extraRows
  }

  /// The node a tree row's parent is (nil for a cause).
  func parent(of node: TreeNodeID) -> TreeNodeID? {
    switch node {
    case .cause: return nil
    case .finding(let index):
      guard let report, report.findings.indices.contains(index) else { return nil }
      return .cause(report.findings[index].cause)
    case .remedy(let finding, _): return .finding(finding)
    case .extra(let node): return extraParent(node)
    }
  }
}
