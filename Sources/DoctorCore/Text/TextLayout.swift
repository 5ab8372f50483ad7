// Fitting text into columns by display width: truncation with an ellipsis, word wrap that also breaks CJK text.

/// `text` cut to at most `width` columns; when cut, the last column shows `…` (or `~` in ASCII mode).
public func truncate(_ text: String, width: Int, ascii: Bool = false) -> String {
  guard width > 0 else { return "" }
  if displayWidth(of: text) <= width { return text }
  var result = ""
  var used = 0
  for character in text {
    let w = displayWidth(of: character)
    if used + w > width - 1 { break }
    result.append(character)
    used += w
  }
  return result + (ascii ? "~" : "…")
}

/// `text` padded with spaces (or truncated) to exactly `width` columns.
public func pad(_ text: String, width: Int, ascii: Bool = false) -> String {
  let fitted = truncate(text, width: width, ascii: ascii)
  return fitted + String(repeating: " ", count: max(0, width - displayWidth(of: fitted)))
}

/// Wraps `text` to lines of at most `width` columns. Breaks at spaces when it can, anywhere between wide
/// characters (Japanese has no spaces), and hard-breaks words longer than a line. Keeps explicit newlines.
public func wrap(_ text: String, width: Int) -> [String] {
  guard width > 0 else { return [] }
  var lines: [String] = []
  for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
    lines.append(contentsOf: wrapParagraph(String(paragraph), width: width))
  }
  return lines
}

private func wrapParagraph(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var line = ""
  var lineWidth = 0
  // Index in `line` just after the last place a break is allowed, and the width up to there.
  var breakIndex: String.Index? = nil
  for character in text {
    let w = displayWidth(of: character)
    if lineWidth + w > width, !line.isEmpty {
      if character == " " {
        lines.append(trimmedEnd(line))
        line = ""
        lineWidth = 0
        breakIndex = nil
        continue
      }
      var cut = breakIndex
      // Kinsoku: 。 and friends may not start a line, so carry the previous wide character down with them.
      if noBreakBefore.contains(character), cut == line.endIndex, line.count > 1 {
        let last = line.index(before: line.endIndex)
        cut = displayWidth(of: line[last]) == 2 ? last : nil
      }
      if let cut, cut > line.startIndex {
        let head = String(line[..<cut])
        let tail = String(line[cut...]).drop(while: { $0 == " " })
        lines.append(trimmedEnd(head))
        line = String(tail)
        lineWidth = displayWidth(of: line)
      } else {
        lines.append(line)
        line = ""
        lineWidth = 0
      }
      breakIndex = nil
    }
    if line.isEmpty, character == " ", !lines.isEmpty { continue }  // no leading space on a continued line
    if w == 2, !noBreakBefore.contains(character) { breakIndex = line.endIndex }  // may break before a wide character
    line.append(character)
    lineWidth += w
    if character == " " || w == 2 { breakIndex = line.endIndex }  // ... and after a space or a wide character
  }
  lines.append(trimmedEnd(line))
  return lines
}

/// Japanese punctuation that must not start a line (kinsoku).
private let noBreakBefore: Set<Character> = ["。", "、", "」", "』", "）", "・", "ー", "！", "？", "："]

private func trimmedEnd(_ s: String) -> String {
  var s = s
  while s.last == " " { s.removeLast() }
  return s
}
