// Text that comes from outside regdoctor (a server's status line or body, a file, the environment, the user's
// arguments) is shown only through these: a reason phrase holding `ESC [ ? 1049 h` must not switch the user's
// terminal screen, nor an OSC sequence set its title, in the text report, the Markdown report or the wizard.

/// `text` with every control character made visible as an escape (`ESC` -> `\x1B`, DEL -> `\x7F`, C1 `\u{9B}` ->
/// `\u{9B}`), and the bidirectional overrides that reorder what the eye reads too. Newline and tab are kept: reports
/// are multi-line; `keepNewlines: false` escapes them as well, for one-line fields.
public func escapingControlCharacters(_ text: String, keepNewlines: Bool = true) -> String {
  guard text.unicodeScalars.contains(where: { isControlToEscape($0, keepNewlines: keepNewlines) }) else {
    return text
  }
  var out = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    guard isControlToEscape(scalar, keepNewlines: keepNewlines) else {
      out.append(scalar)
      continue
    }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let escape = scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
    out.append(contentsOf: escape.unicodeScalars)
  }
  return String(out)
}

/// What a report or the screen shows of outside text: secrets hidden first, then control characters escaped.
public func shownText(_ text: String, keepNewlines: Bool = true) -> String {
  escapingControlCharacters(redactSecrets(text), keepNewlines: keepNewlines)
}

/// True when `text` holds a character `escapingControlCharacters` would escape (newlines count).
public func containsControlCharacter(_ text: String) -> Bool {
  text.unicodeScalars.contains { isControlToEscape($0, keepNewlines: false) }
}

private func isControlToEscape(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
  switch scalar.value {
  case 0x0A, 0x09: return !keepNewlines
  case 0x00...0x1F, 0x7F...0x9F: return true
  // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
  case 0x202A...0x202E, 0x2066...0x2069: return true
  // Private-use code points TextReport uses as placeholders for its own styles: outside text must not forge one.
  case 0xE000...0xE00F: return true
  default: return false
  }
}
