/// A cursor over a list and the first row shown (ratatui's `ListState`, bubbles' list): every list on every screen
/// and overlay moves, pages and scrolls through this one type.
public struct ListState: Sendable, Equatable {
  /// The row under the cursor.
  public var cursor = 0
  /// The first row drawn.
  public var offset = 0
  public init() {}

  /// Applies a movement key; false when `action` is not one (the caller handles it). `page` is how far a page moves.
  @discardableResult
  public mutating func move(_ action: Action, page: Int) -> Bool {
    guard let step = action.step(page: page) else { return false }
    cursor += step
    return true
  }

  public mutating func home() { cursor = 0 }
  public mutating func end(count: Int) { cursor = count - 1 }

  /// Keeps the cursor on one of `count` rows and scrolls as little as possible so it shows in `height` rows (after
  /// a move, a resize, or the list changing under it).
  public mutating func clamp(count: Int, height: Int) {
    cursor = max(0, min(cursor, count - 1))
    guard height > 0, count > height else {
      offset = 0
      return
    }
    if cursor < offset { offset = cursor }
    if cursor >= offset + height { offset = cursor - height + 1 }
    offset = max(0, min(offset, count - height))
  }

  /// The row indices drawn in `height` rows of a list of `count`.
  public func visible(count: Int, height: Int) -> Range<Int> {
    let start = min(offset, count)
    return start..<min(count, start + max(0, height))
  }

  /// `3-12/40`: where the window is, for lists longer than it.
  public func position(count: Int, height: Int) -> String {
    "\(offset + 1)-\(min(count, offset + height))/\(count)"
  }
}

extension Action {
  /// How far a movement key moves a cursor or a view: a row, or a page of `page` rows (nil: not a movement).
  func step(page: Int) -> Int? {
    switch self {
    case .moveUp: return -1
    case .moveDown: return 1
    case .pageUp: return -max(1, page)
    case .pageDown: return max(1, page)
    default: return nil
    }
  }
}
