// WWW-Authenticate (RFC 9110 §11.6.1): `Bearer realm="https://contoso.azurecr.io/oauth2/token",service="contoso…"`.

extension AuthChallenge {
  /// Headers longer than this are not a registry's challenge; refusing them bounds the work on hostile input.
  static let maxHeaderLength = 16 * 1024

  /// Parses the first challenge of a `WWW-Authenticate` value (a leading `WWW-Authenticate:` is tolerated).
  /// The scheme is case-insensitive and comes back capitalised (`Bearer`, `Basic`); parameter names are
  /// lower-cased; quoted values are unescaped. A `token68` challenge (`Negotiate abc==`) has no parameters.
  /// Returns nil for anything that is not a well-formed challenge.
  public static func parse(_ header: String) -> AuthChallenge? {
    guard header.utf8.count <= maxHeaderLength else { return nil }
    var text = Substring(header)
    if text.lowercased().hasPrefix("www-authenticate:") {
      text = text.dropFirst("www-authenticate:".count)
    }
    var scanner = ChallengeScanner(text.unicodeScalars)
    return scanner.challenge()
  }
}

/// A cursor over the header's scalars; each method consumes what it recognises.
private struct ChallengeScanner {
  var rest: Substring.UnicodeScalarView

  init(_ scalars: Substring.UnicodeScalarView) { rest = scalars }

  mutating func challenge() -> AuthChallenge? {
    skipBlanks()
    guard let scheme = token(), !scheme.isEmpty else { return nil }
    var parameters: [String: String] = [:]
    let hadBlank = skipBlanks()
    if rest.isEmpty || rest.first == "," {
      return finish(scheme, parameters)
    }
    guard hadBlank else { return nil }
    if token68() != nil {
      skipBlanks()
      return rest.isEmpty || rest.first == "," ? finish(scheme, parameters) : nil
    }
    while true {
      skipBlanks()
      guard let name = token(), !name.isEmpty else { return nil }
      skipBlanks()
      guard rest.first == "=" else { return nil }
      rest.removeFirst()
      skipBlanks()
      let value: String
      if rest.first == "\"" {
        guard let quoted = quotedString() else { return nil }
        value = quoted
      } else {
        guard let plain = token(), !plain.isEmpty else { return nil }
        value = plain
      }
      let key = name.lowercased()
      // A repeated parameter: the first one counts.
      if parameters[key] == nil { parameters[key] = value }
      skipBlanks()
      if rest.isEmpty { return finish(scheme, parameters) }
      guard rest.first == "," else { return nil }
      // Empty list elements (`a=1,,b=2`) are allowed by the #rule.
      while rest.first == "," || rest.first == " " || rest.first == "\t" { rest.removeFirst() }
      if rest.isEmpty { return finish(scheme, parameters) }
      // `token SP` after a comma starts the next challenge (`…, Basic realm="x"`): the first one is complete.
      if startsNextChallenge() { return finish(scheme, parameters) }
    }
  }

  private func finish(_ scheme: String, _ parameters: [String: String]) -> AuthChallenge {
    let lower = scheme.lowercased()
    return AuthChallenge(
      scheme: lower.prefix(1).uppercased() + lower.dropFirst(), parameters: parameters)
  }

  private func startsNextChallenge() -> Bool {
    var copy = self
    guard let word = copy.token(), !word.isEmpty else { return false }
    let hadBlank = copy.skipBlanks()
    return hadBlank && copy.rest.first != "="
  }

  @discardableResult
  private mutating func skipBlanks() -> Bool {
    var skipped = false
    while let c = rest.first, c == " " || c == "\t" {
      rest.removeFirst()
      skipped = true
    }
    return skipped
  }

  /// RFC 9110 token: visible ASCII except separators.
  private mutating func token() -> String? {
    var out = String.UnicodeScalarView()
    while let c = rest.first, isTokenChar(c) {
      out.append(c)
      rest.removeFirst()
    }
    return String(out)
  }

  /// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", standing alone (no `=value`).
  private mutating func token68() -> String? {
    var copy = rest
    var out = String.UnicodeScalarView()
    while let c = copy.first, c.isASCII,
      c.properties.isAlphabetic || ("0"..."9").contains(c) || "-._~+/".unicodeScalars.contains(c)
    {
      out.append(c)
      copy.removeFirst()
    }
    guard !out.isEmpty else { return nil }
    while copy.first == "=" { copy.removeFirst() }
    var after = copy
    while let c = after.first, c == " " || c == "\t" { after.removeFirst() }
    // `realm=…` is a parameter, not a token68: the '=' is followed by a value.
    guard after.isEmpty || after.first == "," else { return nil }
    rest = copy
    return String(out)
  }

  /// A quoted-string with backslash escapes; nil when unterminated or holding a control character.
  private mutating func quotedString() -> String? {
    rest.removeFirst()
    var out = String.UnicodeScalarView()
    while let c = rest.first {
      rest.removeFirst()
      switch c {
      case "\"": return String(out)
      case "\\":
        guard let escaped = rest.first, !isControl(escaped) else { return nil }
        rest.removeFirst()
        out.append(escaped)
      default:
        if isControl(c) { return nil }
        out.append(c)
      }
    }
    return nil
  }

  private func isControl(_ c: Unicode.Scalar) -> Bool {
    c != "\t" && (c.value < 0x20 || c.value == 0x7F)
  }

  private func isTokenChar(_ c: Unicode.Scalar) -> Bool {
    guard c.isASCII, c.value > 0x20, c.value < 0x7F else { return false }
    return !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(c)
  }
}
