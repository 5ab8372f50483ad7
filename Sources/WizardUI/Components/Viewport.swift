/// Scrollable lines of text with no cursor (bubbles' viewport): the drill-down pane and the command output.
public struct Viewport: Sendable, Equatable {
  /// The first line drawn.
  public var offset = 0
  public init() {}

  /// Applies a scrolling key; false when `action` is not one. `page` is how far a page scrolls.
  @discardableResult
  public mutating func scroll(_ action: Action, page: Int) -> Bool {
    guard let step = action.step(page: page) else { return false }
    offset += step
    return true
  }

  public mutating func top() { offset = 0 }

  /// Never past the last full page of `lineCount` lines shown `height` at a time, never before the first line.
  public mutating func clamp(lineCount: Int, height: Int) {
    offset = max(0, min(offset, lineCount - height))
  }

  /// The line indices drawn in `height` rows.
  public func visible(lineCount: Int, height: Int) -> Range<Int> {
    let start = min(offset, lineCount)
    return start..<min(lineCount, start + max(0, height))
  }

  /// ` 3-12/40 `-style position: `3-12/40`.
  public func position(lineCount: Int, height: Int) -> String {
    "\(offset + 1)-\(min(lineCount, offset + height))/\(lineCount)"
  }
}
