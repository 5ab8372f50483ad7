import DoctorCore

/// A key press as the wizard understands it, independent of ncurses' codes.
public enum Key: Sendable, Equatable, Hashable {
  case char(Character)
  case up, down, left, right
  case enter, escape, tab, backTab, backspace, delete
  case home, end, pageUp, pageDown
  /// Ctrl plus a letter, lower case (`.ctrl("u")`). Ctrl-C is `.ctrlC`, which always quits.
  case ctrl(Character)
  case ctrlC
  case function(Int)

  public static let space = Key.char(" ")

  /// The character a key inserts into a text field, if it is printable.
  public var printable: Character? {
    if case .char(let c) = self, displayWidth(of: c) > 0 || c == " " { return c }
    return nil
  }
}
