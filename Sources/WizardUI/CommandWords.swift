// The wizard runs a runbook command without a shell, so it must split the line the way a shell would, and refuse
// every line whose meaning depends on a shell: pipes, redirections, command lists, substitutions, variables,
// placeholders still to fill in, sudo. Those are shown, and the user runs them by hand.

/// Why a command line is not run from the wizard.
public enum CommandRefusal: Error, Sendable, Equatable {
  case empty
  case tooLong
  case controlCharacter
  case unbalancedQuote
  /// `|`, `;`, `&`, `&&`, `||`, `(`, `)`: more than one command.
  case multipleCommands
  /// `>`, `<`, `>>`, `2>&1`.
  case redirection
  /// `$(…)`, backticks, `$VAR`, `${…}`, a backslash escape.
  case expansion
  /// `<rg>`, `<pod-name>`: a value the user must fill in first.
  case placeholder
  /// `VAR=value command`.
  case environmentAssignment
  case sudo
}

public enum CommandWords {
  static let maxLength = 4096

  /// The argv a shell would build from `line`, or why the line is not run without one.
  public static func split(_ line: String) -> Result<[String], CommandRefusal> {
    guard line.count <= maxLength else { return .failure(.tooLong) }
    let characters = Array(line)
    var words: [String] = []
    var word = ""
    var inWord = false
    var i = 0
    while i < characters.count {
      let c = characters[i]
      if c.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7f }) {
        return .failure(.controlCharacter)
      }
      switch c {
      case " ", "\t":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      case "'":
        guard let close = characters[(i + 1)...].firstIndex(of: "'") else { return .failure(.unbalancedQuote) }
        word += String(characters[(i + 1)..<close])
        inWord = true
        i = close
      case "\"":
        guard let close = characters[(i + 1)...].firstIndex(of: "\"") else { return .failure(.unbalancedQuote) }
        let quoted = characters[(i + 1)..<close]
        // Inside double quotes a shell still expands `$`, backticks and backslash escapes.
        if quoted.contains(where: { $0 == "$" || $0 == "`" || $0 == "\\" }) { return .failure(.expansion) }
        word += String(quoted)
        inWord = true
        i = close
      case "$", "`", "\\":
        return .failure(.expansion)
      case "|", ";", "&", "(", ")":
        return .failure(.multipleCommands)
      case "<":
        let rest = characters[(i + 1)...]
        if let close = rest.firstIndex(of: ">"), close > i + 1,
          rest[..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        {
          return .failure(.placeholder)
        }
        return .failure(.redirection)
      case ">":
        return .failure(.redirection)
      case "#" where !inWord:
        return .failure(.multipleCommands)  // a comment: the rest of the line would not run
      default:
        word.append(c)
        inWord = true
      }
      i += 1
    }
    if inWord { words.append(word) }
    guard let first = words.first else { return .failure(.empty) }
    if first.contains("=") { return .failure(.environmentAssignment) }
    if first == "sudo" || first.hasSuffix("/sudo") { return .failure(.sudo) }
    return .success(words)
  }
}
