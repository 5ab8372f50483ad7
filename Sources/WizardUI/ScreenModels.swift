import DoctorCore

// One model per screen: what that screen edits, its list or viewport, and what it derives from the run's data
// (rebuilt when that data changes, not on every key).

/// 1. The registry form.
public struct RegistryScreen: Sendable {
  public var field: TextField
  /// Regions and data endpoint hosts, comma separated.
  public var regions: TextField
  public var focus: RegistryFocus = .registry
  public var error: String?
  init(registry: String, regions: [String]) {
    field = TextField(registry)
    self.regions = TextField(regions.joined(separator: ", "))
  }
}

/// 2. The symptom list, its filter and the error field.
public struct SymptomsScreen: Sendable {
  public var selected: Set<SymptomID>
  public var list = ListState()
  public var filterField = TextField()
  public var errorField: TextField
  public var focus: SymptomFocus = .list
  /// Error text already matched (what is sent with the request).
  public var matchedErrorText: String?
  init(selected: Set<SymptomID>, errorText: String) {
    self.selected = selected
    errorField = TextField(errorText)
    matchedErrorText = errorText.isEmpty ? nil : errorText
  }
}

/// 3. The live probe table.
public struct ProbesScreen: Sendable {
  public var rows: [ProbeRow] = [] { didSet { labels = probeLabels(rows) } }
  /// The rows' labels, derived once per probe event (see `probeLabels`).
  public private(set) var labels: [String] = []
  public var list = ListState()
  public var spinnerFrame = 0
  /// The conclusion the results so far point at, while the rest is waited for; nil once the report is in.
  public var likely: (conclusion: Conclusion, untilSeconds: Double)?
}

/// 4-5. The decision tree and the drill-down pane.
public struct DiagnosisScreen: Sendable {
  public var expanded: Set<TreeNodeID> = []
  public var tree = ListState()
  public var focus: DiagnosisFocus = .tree
  public var openedNode: TreeNodeID?
  public var pane = Viewport()
  /// The tree's visible rows and the pane's lines, as last derived (`AppState.refreshDerived`).
  var rows: [TreeRow] = []
  var rowsKey: TreeKey?
  var paneLines: [PaneLine] = []
  var paneKey: PaneKey?

  /// Opens a closed node, closes an open one.
  mutating func toggle(_ node: TreeNodeID) {
    if expanded.contains(node) { expanded.remove(node) } else { expanded.insert(node) }
  }
}

/// What the tree's rows are built from: when none of it changed, neither did they.
struct TreeKey: Equatable {
  var report: Int
  var expanded: Set<TreeNodeID>
  var applicable: [AzureQuestionID]
  var answers: [AzureQuestionID: AzureAnswer]
}

/// What the pane's lines are built from.
struct PaneKey: Equatable {
  var tree: TreeKey
  var opened: TreeNodeID?
  var width: Int
}

extension AppState {
  /// The rows the tree shows now, given which nodes are expanded.
  public var treeRows: [TreeRow] { diagnosis.rows }

  var treeKey: TreeKey {
    TreeKey(
      report: reportGeneration, expanded: diagnosis.expanded, applicable: questions.applicable,
      answers: questions.answers)
  }

  /// Rebuilds the tree rows and the pane's lines if what they show changed; `update` calls it after every message.
  mutating func refreshDerived() {
    let key = treeKey
    if diagnosis.rowsKey != key {
      diagnosis.rows = buildTreeRows()
      diagnosis.rowsKey = key
    }
    let width = max(1, paneArea(self).width)
    let paneKey = PaneKey(tree: key, opened: diagnosis.openedNode, width: width)
    if diagnosis.paneKey != paneKey {
      diagnosis.paneLines = paneLines(width: width)
      diagnosis.paneKey = paneKey
    }
  }

  /// The pane's lines for `width`: the derived ones when they were built for it.
  func currentPaneLines(width: Int) -> [PaneLine] {
    let key = PaneKey(tree: treeKey, opened: diagnosis.openedNode, width: max(1, width))
    return diagnosis.paneKey == key ? diagnosis.paneLines : paneLines(width: width)
  }
}
