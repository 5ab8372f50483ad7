import Foundation

/// Reading a captured screen: lines, terminal column widths, and finding rows.
extension String {
  var screenLines: [String] {
    split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Columns this text takes in a terminal: East Asian wide and fullwidth characters take two.
  var terminalWidth: Int { unicodeScalars.reduce(0) { $0 + $1.terminalWidth } }
}

extension Unicode.Scalar {
  var terminalWidth: Int {
    let v = value
    if v == 0 || (0x300...0x36F).contains(v) || v == 0x200B || (0xFE00...0xFE0F).contains(v) {
      return 0
    }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
      0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(v) } ? 2 : 1
  }
}
