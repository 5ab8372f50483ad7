// A strict RFC 8259 syntax check that says where the first mistake is. Foundation's parser is lenient (it accepts
// a trailing comma, which dockerd's Go parser refuses) and reports only a character offset; a daemon.json that
// dockerd cannot read is a finding, so regdoctor must refuse exactly what dockerd refuses and say where.

struct JSONSyntaxError: Error, Equatable {
  let line: Int
  let column: Int
  let problem: String
  var sentence: String { "line \(line), column \(column): \(problem)" }
}

struct StrictJSONChecker {
  static let maxDepth = 256
  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  /// Checks `text`; nil when it is one valid JSON value with only whitespace around it.
  static func check(_ text: String) -> JSONSyntaxError? {
    var checker = StrictJSONChecker(bytes: Array(text.utf8))
    do throws(JSONSyntaxError) {
      checker.skipWhitespace()
      try checker.value()
      checker.skipWhitespace()
      if checker.index < checker.bytes.count {
        throw checker.error("unexpected text after the end of the JSON value")
      }
      return nil
    } catch {
      return error
    }
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private func error(_ problem: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    for byte in bytes[..<min(index, bytes.count)] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {  // Count characters, not UTF-8 continuation bytes.
        column += 1
      }
    }
    return JSONSyntaxError(line: line, column: column, problem: problem)
  }

  private mutating func skipWhitespace() {
    while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
  }

  private mutating func value() throws(JSONSyntaxError) {
    guard let c = current else { throw error("unexpected end of file; a value is missing") }
    switch c {
    case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), isObject: true)
    case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), isObject: false)
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    case UInt8(ascii: "'"): throw error("strings must use double quotes, not single quotes")
    case UInt8(ascii: "/"), UInt8(ascii: "#"): throw error("comments are not allowed in JSON")
    default: throw error("unexpected character '\(printable(c))'; a value is expected here")
    }
  }

  private mutating func container(close: UInt8, isObject: Bool) throws(JSONSyntaxError) {
    depth += 1
    if depth > Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
    index += 1
    skipWhitespace()
    if current == close {
      index += 1
      depth -= 1
      return
    }
    while true {
      if isObject {
        guard current == UInt8(ascii: "\"") else {
          throw error(
            current == close
              ? "trailing comma before '\(printable(close))'" : "a key in double quotes is expected"
          )
        }
        try string()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw error("':' is expected after the key") }
        index += 1
        skipWhitespace()
      } else if current == close {
        throw error("trailing comma before '\(printable(close))'")
      }
      try value()
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
        skipWhitespace()
      case close:
        index += 1
        depth -= 1
        return
      case nil: throw error("unexpected end of file; '\(printable(close))' is missing")
      default: throw error("',' or '\(printable(close))' is expected (a comma may be missing)")
      }
    }
  }

  private mutating func string() throws(JSONSyntaxError) {
    index += 1
    while let c = current {
      switch c {
      case UInt8(ascii: "\""):
        index += 1
        return
      case UInt8(ascii: "\\"):
        index += 1
        guard let e = current else { break }
        if e == UInt8(ascii: "u") {
          for _ in 0..<4 {
            index += 1
            guard let h = current, isHexDigit(h) else {
              throw error("invalid \\u escape in a string")
            }
          }
        } else if !"\"\\/bfnrt".utf8.contains(e) {
          throw error("invalid escape '\\\(printable(e))' in a string")
        }
        index += 1
      case 0..<0x20:
        throw error(
          "a control character or line break inside a string (a closing quote may be missing)")
      default: index += 1
      }
    }
    throw error("unexpected end of file inside a string")
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    for expected in word.utf8 {
      guard current == expected else {
        throw error("unexpected character; did you mean '\(word)'?")
      }
      index += 1
    }
  }

  private mutating func number() throws(JSONSyntaxError) {
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, isDigit(first) else { throw error("invalid number") }
    index += 1
    if first != UInt8(ascii: "0") { while let c = current, isDigit(c) { index += 1 } }
    if current == UInt8(ascii: ".") {
      index += 1
      guard let c = current, isDigit(c) else {
        throw error("invalid number: digits must follow '.'")
      }
      while let c = current, isDigit(c) { index += 1 }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard let c = current, isDigit(c) else {
        throw error("invalid number: digits must follow the exponent")
      }
      while let c = current, isDigit(c) { index += 1 }
    }
  }

  private func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
  private func isHexDigit(_ c: UInt8) -> Bool {
    isDigit(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c)
  }
  private func printable(_ c: UInt8) -> String {
    c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
  }
}
