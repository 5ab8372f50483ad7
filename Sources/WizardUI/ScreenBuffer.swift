import DoctorCore

/// What a colour means on screen; the backend maps roles to terminal colours (or to nothing, in monochrome).
public enum ColorRole: UInt8, Sendable, Equatable, CaseIterable {
  case normal, accent, ok, warning, error, muted, likely, header, selection
}

/// How a cell is drawn. Colours are roles; bold, reverse and dim survive a monochrome terminal.
public struct Style: Sendable, Equatable, Hashable {
  public var fg: ColorRole
  public var bg: ColorRole
  public var bold: Bool
  public var reverse: Bool
  public var dim: Bool
  public init(
    fg: ColorRole = .normal, bg: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.reverse = reverse
    self.dim = dim
  }
  public static let plain = Style()
  public static let bold = Style(bold: true)
  public static let dim = Style(fg: .muted, dim: true)
  public static let selected = Style(bg: .selection, reverse: true)
  public static func fg(_ role: ColorRole, bold: Bool = false) -> Style { Style(fg: role, bold: bold) }
}

/// One terminal cell. A wide character lives in its lead cell (width 2) followed by a continuation cell (width 0).
public struct Cell: Sendable, Equatable {
  public var grapheme: String
  public var width: Int
  public var style: Style
  public init(grapheme: String, width: Int, style: Style) {
    self.grapheme = grapheme
    self.width = width
    self.style = style
  }
  public static let blank = Cell(grapheme: " ", width: 1, style: .plain)
  public var isContinuation: Bool { width == 0 }
}

/// An in-memory grid of cells that views render into; the backend diffs two buffers and draws the changes.
public struct ScreenBuffer: Sendable, Equatable {
  public let size: Size
  public private(set) var cells: [Cell]

  public init(size: Size) {
    self.size = size
    self.cells = Array(repeating: .blank, count: size.width * size.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    guard contains(x: x, y: y) else { return .blank }
    return cells[y * size.width + x]
  }

  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < size.width && y < size.height }

  /// Writes `text` from column x on row y, clipped to `maxWidth` columns (and to the buffer). A wide character that
  /// does not fit is replaced by a space, so a wide character is never split. Returns the columns written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
    guard y >= 0, y < size.height else { return 0 }
    let limit = min(size.width, x + (maxWidth ?? size.width))
    var column = x
    for character in text {
      if column >= limit { break }
      var grapheme = String(character)
      var width = displayWidth(of: character)
      if character == "\t" {
        grapheme = " "
        width = 1
      }
      if width == 0 { continue }  // controls and stray zero-width characters take no cell
      if column < 0 {  // clipped on the left: the visible half of a wide character becomes a space
        if column + width > 0 { fill(x: 0, y: y, width: column + width, style: style) }
        column += width
        continue
      }
      if column + width > limit {
        setCell(x: column, y: y, Cell(grapheme: " ", width: 1, style: style))
        column += 1
        break
      }
      setCell(x: column, y: y, Cell(grapheme: grapheme, width: width, style: style))
      column += width
    }
    return max(0, column - max(x, 0))
  }

  /// Fills `width` columns of row y with spaces in `style` (a bar, a selection highlight).
  public mutating func fill(x: Int, y: Int, width: Int, style: Style) {
    guard width > 0 else { return }
    for column in max(0, x)..<min(size.width, x + width) {
      setCell(x: column, y: y, Cell(grapheme: " ", width: 1, style: style))
    }
  }

  /// Changes the style of existing cells (keeps their text): highlight a row after writing it.
  public mutating func restyle(x: Int, y: Int, width: Int, _ change: (inout Style) -> Void) {
    guard y >= 0, y < size.height, width > 0 else { return }
    for column in max(0, x)..<min(size.width, x + width) {
      change(&cells[y * size.width + column].style)
    }
  }

  /// The screen as text, one line per row with trailing spaces trimmed: what snapshot tests compare.
  public func text() -> String {
    var lines: [String] = []
    for y in 0..<size.height {
      var line = ""
      for x in 0..<size.width {
        let cell = self[x, y]
        if !cell.isContinuation { line += cell.grapheme }
      }
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// Places a cell, repairing any wide character it half-overwrites so the grid stays consistent.
  private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
    guard contains(x: x, y: y) else { return }
    let index = y * size.width + x
    if cells[index].isContinuation, x > 0 {
      cells[index - 1] = Cell(grapheme: " ", width: 1, style: cells[index - 1].style)
    }
    if cells[index].width == 2, x + 1 < size.width {
      cells[index + 1] = Cell(grapheme: " ", width: 1, style: cells[index + 1].style)
    }
    cells[index] = cell
    if cell.width == 2 {
      if x + 1 < size.width {
        let next = index + 1
        if cells[next].width == 2, x + 2 < size.width {
          cells[next + 1] = Cell(grapheme: " ", width: 1, style: cells[next + 1].style)
        }
        cells[next] = Cell(grapheme: "", width: 0, style: cell.style)
      } else {
        cells[index] = Cell(grapheme: " ", width: 1, style: cell.style)
      }
    }
  }
}
