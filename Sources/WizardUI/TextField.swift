/// A one-line text input: its text and a cursor counted in Characters.
public struct TextField: Sendable, Equatable {
  public private(set) var text: String
  public private(set) var cursor: Int
  /// Bound on what a user can type or paste, so a runaway paste cannot grow memory without limit.
  public static let maxLength = 2000

  public init(_ text: String = "") {
    self.text = String(text.prefix(TextField.maxLength))
    self.cursor = self.text.count
  }

  public var isEmpty: Bool { text.isEmpty }

  /// Applies an editing key; returns false when the key is not an editing key.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(text.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = text.count
    case .ctrl("u"):
      text = ""
      cursor = 0
    case .backspace:
      guard cursor > 0 else { return true }
      let index = text.index(text.startIndex, offsetBy: cursor - 1)
      text.remove(at: index)
      cursor -= 1
    case .delete:
      guard cursor < text.count else { return true }
      text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    default:
      guard let character = key.printable else { return false }
      guard text.count < TextField.maxLength else { return true }
      text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
      cursor += 1
    }
    return true
  }

  public mutating func set(_ newText: String) {
    text = String(newText.prefix(TextField.maxLength))
    cursor = text.count
  }
}
