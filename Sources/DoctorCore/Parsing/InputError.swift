/// A user-facing refusal of something typed on the command line or in the wizard.
/// `message` is a whole sentence that says what is wrong and what to type instead; it never holds a secret.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Makes untrusted text safe to quote inside a message: secrets redacted, control characters escaped,
/// and long text cut, so a hostile argument cannot smear the terminal or flood a report.
func quotedForMessage(_ text: String, limit: Int = 80) -> String {
  var shown = ""
  var count = 0
  // Whatever precedes an `@` may be a password (`user:pass@host`), with or without a scheme. Redacted whole, then
  // cut: cut first, a long password's `@` falls off and the password shows.
  for scalar in maskedProxyText(redactSecrets(text)).unicodeScalars {
    if count >= limit {
      shown += "…"
      break
    }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned,
      .privateUse:
      shown +=
        scalar.value <= 0xFF
        ? "\\x" + hex2(scalar.value) : "\\u{" + String(scalar.value, radix: 16) + "}"
    default:
      shown.unicodeScalars.append(scalar)
    }
    count += 1
  }
  return "'" + shown + "'"
}

private func hex2(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return digits.count < 2 ? "0" + digits : digits
}
