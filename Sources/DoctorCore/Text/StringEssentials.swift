#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// What regdoctor used from full Foundation's String API, written on the standard library so the shipped binary
// needs only FoundationEssentials (full Foundation brings ICU: 32 MB). Each keeps Foundation's meaning: literal
// matching on Unicode scalars (as NSString compares UTF-16 units), not Swift's grapheme-cluster comparison, so
// "\n" is found inside "\r\n" as before.

extension StringProtocol {
  /// Trims spaces and tabs at both ends, not line breaks (Foundation's `.whitespaces`: tab and Unicode Zs).
  public var trimmingSpaces: String {
    trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
  }

  /// Trims the given characters (Unicode scalars) at both ends.
  public func trimming(charactersIn set: String) -> String {
    let scalars = Set(set.unicodeScalars)
    return trimming { scalars.contains($0) }
  }

  /// Trims the scalars that satisfy `isTrimmed` at both ends.
  public func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
    let scalars = String(self).unicodeScalars
    guard let start = scalars.firstIndex(where: { !isTrimmed($0) }),
      let end = scalars.lastIndex(where: { !isTrimmed($0) })
    else { return "" }
    return String(scalars[start...end])
  }

  /// The first range where `target` occurs (scalar for scalar; with `ignoringCase`, compared lower-cased), within
  /// `bounds` if given. Empty `target`: nil, as Foundation's range(of:).
  public func literalRange(
    of target: some StringProtocol, ignoringCase: Bool = false, in bounds: Range<Index>? = nil
  ) -> Range<Index>? {
    let needle = Array(target.unicodeScalars).map { ignoringCase ? Self.folded($0) : $0 }
    guard let first = needle.first else { return nil }
    let hay = self.unicodeScalars
    var start = bounds?.lowerBound ?? hay.startIndex
    let end = bounds?.upperBound ?? hay.endIndex
    while start < end {
      if (ignoringCase ? Self.folded(hay[start]) : hay[start]) == first {
        var i = start
        var matched = 0
        while matched < needle.count, i < end,
          (ignoringCase ? Self.folded(hay[i]) : hay[i]) == needle[matched]
        {
          matched += 1
          i = hay.index(after: i)
        }
        if matched == needle.count { return start..<i }
      }
      start = hay.index(after: start)
    }
    return nil
  }

  /// Every occurrence of `target` replaced by `replacement`, left to right, literally (Foundation's
  /// replacingOccurrences(of:with:)).
  public func replacingLiteral(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
    let whole = String(self)
    guard !target.isEmpty, var found = whole.literalRange(of: target) else { return whole }
    var out = ""
    var rest = whole.startIndex
    while true {
      out.unicodeScalars.append(contentsOf: whole.unicodeScalars[rest..<found.lowerBound])
      out += replacement
      rest = found.upperBound
      guard let next = whole.literalRange(of: target, in: rest..<whole.endIndex) else { break }
      found = next
    }
    out.unicodeScalars.append(contentsOf: whole.unicodeScalars[rest...])
    return out
  }

  /// Padded with spaces, or cut, to `length` UTF-16 units (Foundation's padding(toLength:withPad:" ",startingAt:0)).
  public func padded(toLength length: Int) -> String {
    let units = self.utf16.count
    if units >= length { return String(decoding: Array(self.utf16.prefix(length)), as: UTF16.self) }
    return String(self) + String(repeating: " ", count: length - units)
  }

  private static func folded(_ s: Unicode.Scalar) -> Unicode.Scalar {
    if s.isASCII {
      return ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s
    }
    let lower = s.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first! : s
  }
}

/// `value` with `digits` decimals, as printf's `%.Nf` rounds it, always with a '.' (the C locale, whatever
/// setlocale(LC_ALL, "") chose for the wizard): Foundation's String(format: "%.1f", value).
public func fixedPoint(_ value: Double, digits: Int) -> String {
  withUnsafeCLocale {
    var buffer = [CChar](repeating: 0, count: 400)
    let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
    guard written >= 0 else { return String(value) }
    return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// `value` in lower-case hexadecimal, zero-padded to `width` digits (String(format: "%0Nx", value)).
public func hexDigits(_ value: some BinaryInteger, width: Int) -> String {
  zeroPadded(String(value, radix: 16), width)
}

/// A non-negative `value` in decimal, zero-padded to `width` digits (String(format: "%0Nd", value)).
public func decimalDigits(_ value: some BinaryInteger, width: Int) -> String {
  zeroPadded(String(value), width)
}

private func zeroPadded(_ digits: String, _ width: Int) -> String {
  digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

nonisolated(unsafe) private let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

private func withUnsafeCLocale<T>(_ body: () -> T) -> T {
  guard let cLocale else { return body() }
  let previous = uselocale(cLocale)
  defer { uselocale(previous) }
  return body()
}

extension StringProtocol {
  /// Equal but for case, scalar by scalar (Foundation's caseInsensitiveCompare(_:) == .orderedSame).
  public func isEqualIgnoringCase(_ other: some StringProtocol) -> Bool {
    let a = Array(self.unicodeScalars)
    let b = Array(other.unicodeScalars)
    return a.count == b.count && zip(a, b).allSatisfy { Self.folded($0) == Self.folded($1) }
  }

  /// Percent-encoded for a URL query: UTF-8 bytes outside ASCII letters, digits and `!$&'()*+,-./:;=?@_~` as %XX
  /// (Foundation's addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)).
  public var percentEncodedForQuery: String {
    let allowed = Set("!$&'()*+,-./:;=?@_~".utf8)
    var out = ""
    for byte in self.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      case _ where allowed.contains(byte): out.unicodeScalars.append(Unicode.Scalar(byte))
      default: out += (byte < 16 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
      }
    }
    return out
  }
}

/// `name` inside `directory` (NSString's appendingPathComponent for the paths regdoctor builds: one '/' between).
public func pathJoined(_ directory: String, _ name: String) -> String {
  if directory.isEmpty { return name }
  return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
