// No imports: the standard library is enough.
// Where things go on screen, computed from the terminal size alone (and the tree's length), shared by `view`
// (to draw) and `update` (to keep cursors visible and clamp scrolling).

struct ScreenLayout {
  let size: Size

  /// Row 0: the step bar. Rows 2 ..< height-2: the screen. Row height-2: status. Row height-1: help bar.
  var content: Rect { Rect(x: 1, y: 2, width: size.width - 2, height: size.height - 4) }
  var statusRow: Int { size.height - 2 }
  var helpRow: Int { size.height - 1 }

  // Symptoms: title, blank, list, blank, filter, error field (2 lines).
  var symptomList: Rect { Rect(x: content.x, y: content.y + 2, width: content.width, height: content.height - 7) }
  var filterRow: Int { content.maxY - 4 }
  var errorRow: Int { content.maxY - 3 }

  // Probes: status line, column header, table, blank, two lines about the selected probe.
  var probeTable: Rect { Rect(x: content.x, y: content.y + 2, width: content.width, height: content.height - 5) }
  var probeDetailRow: Int { content.maxY - 2 }

  // Diagnosis: conclusion line, blank, then the tree and the pane (side by side when wide, else stacked).
  var sideBySide: Bool { size.width >= 100 }

  func diagnosisAreas(treeRowCount: Int) -> (treeTitle: Int, tree: Rect, paneTitle: Rect, pane: Rect) {
    let area = Rect(x: content.x, y: content.y + 2, width: content.width, height: content.height - 2)
    if sideBySide {
      let treeWidth = area.width * 45 / 100
      let tree = Rect(x: area.x, y: area.y + 1, width: treeWidth, height: area.height - 1)
      let paneX = area.x + treeWidth + 3
      let paneTitle = Rect(x: paneX, y: area.y, width: area.maxX - paneX, height: 1)
      let pane = Rect(x: paneX, y: area.y + 1, width: area.maxX - paneX, height: area.height - 1)
      return (area.y, tree, paneTitle, pane)
    }
    // Stacked: the tree takes what it needs, up to half; the pane gets the rest below a title rule.
    let treeHeight = max(3, min(treeRowCount, (area.height - 2) / 2))
    let tree = Rect(x: area.x, y: area.y + 1, width: area.width, height: treeHeight)
    let paneTitle = Rect(x: area.x, y: tree.maxY, width: area.width, height: 1)
    let pane = Rect(x: area.x, y: tree.maxY + 1, width: area.width, height: area.maxY - tree.maxY - 1)
    return (area.y, tree, paneTitle, pane)
  }
}
