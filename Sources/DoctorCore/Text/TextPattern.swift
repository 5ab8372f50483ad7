// A regular expression as regdoctor used NSRegularExpression (which is ICU, so full Foundation): matched on Unicode
// scalars, `\b` at simple word boundaries, optionally case-insensitive and with ^/$ at every line. Built on the
// standard library's Regex, which needs no Foundation.

/// A compiled pattern. Regex is immutable once built; the wrapper is shared between threads as NSRegularExpression was.
public struct TextPattern: @unchecked Sendable {
  private let regex: Regex<AnyRegexOutput>

  public init(_ pattern: String, ignoringCase: Bool = false, anchorsMatchLines: Bool = false) throws {
    regex = try Regex(pattern)
      .matchingSemantics(.unicodeScalar)
      .wordBoundaryKind(.simple)
      .ignoresCase(ignoringCase)
      .anchorsMatchLineEndings(anchorsMatchLines)
  }

  /// The pattern compiled once per process (the parsers that build patterns from pieces call this on every text).
  public static func cached(_ pattern: String, ignoringCase: Bool = false, anchorsMatchLines: Bool = false) throws
    -> TextPattern
  {
    let key = "\(ignoringCase ? 1 : 0)\(anchorsMatchLines ? 1 : 0)\(pattern)"
    if let hit = cacheLock.withLock({ cache[key] }) { return hit }
    let compiled = try TextPattern(pattern, ignoringCase: ignoringCase, anchorsMatchLines: anchorsMatchLines)
    cacheLock.withLock { cache[key] = compiled }
    return compiled
  }

  private static let cacheLock = ThreadLock()
  nonisolated(unsafe) private static var cache: [String: TextPattern] = [:]

  /// The capture groups (1...) of each match, at most `limit` matches; "" for a group that did not take part.
  public func captureGroups(in text: String, limit: Int = .max) -> [[String]] {
    var out: [[String]] = []
    for match in text.matches(of: regex) {
      if out.count >= limit { break }
      out.append((1..<max(1, match.output.count)).map { i in match.output[i].substring.map(String.init) ?? "" })
    }
    return out
  }

  /// `text` with every match replaced by `template`, where `$N` stands for capture group N ("" if it did not take
  /// part), as NSRegularExpression's stringByReplacingMatches(in:range:withTemplate:).
  public func replacingMatches(in text: String, template: String) -> String {
    let matches = text.matches(of: regex)
    if matches.isEmpty { return text }
    var out = ""
    var rest = text.startIndex
    for match in matches {
      out.unicodeScalars.append(contentsOf: text.unicodeScalars[rest..<match.range.lowerBound])
      out += Self.expand(template, match.output)
      rest = match.range.upperBound
    }
    out.unicodeScalars.append(contentsOf: text.unicodeScalars[rest...])
    return out
  }

  private static func expand(_ template: String, _ output: AnyRegexOutput) -> String {
    var out = ""
    var scalars = template.unicodeScalars[...]
    while let c = scalars.popFirst() {
      if c == "\\", let next = scalars.popFirst() {
        out.unicodeScalars.append(next)
      } else if c == "$", let digit = scalars.first, let n = Int(String(digit)) {
        scalars.removeFirst()
        if n < output.count, let s = output[n].substring { out += s }
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
