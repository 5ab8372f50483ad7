// A small strict TOML reader for the pullers' configuration files: containerd's config.toml and hosts.toml,
// containers' registries.conf and containers.conf.
//
// Why not TOMLKit (LebJe/TOMLKit 0.6.0, in the allowed list): it imports Foundation (`import struct
// Foundation.Data`) and wraps toml++ through C++ interop; issue 12 keeps full Foundation (and its ICU) out of the
// shipped binary. These files use a small part of TOML, so this reads that part exactly and says clearly where a
// file leaves it: tables, arrays of tables, dotted and quoted keys, basic and literal strings, booleans,
// integers, arrays and inline tables. Floats, dates and multi-line strings are a parse error naming the line
// (none of the settings regdoctor reads is one). Bounded: 1 MiB of text, 32 levels of nesting.

public indirect enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case boolean(Bool)
  case array([TOMLValue])
  case table([String: TOMLValue])

  public var string: String? { if case .string(let s) = self { s } else { nil } }
  public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
  public var boolean: Bool? { if case .boolean(let b) = self { b } else { nil } }
  public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
  public var table: [String: TOMLValue]? { if case .table(let t) = self { t } else { nil } }

  /// The value at a key path (`["plugins", "io.containerd.grpc.v1.cri", "registry"]`), nil where any step is
  /// missing or not a table.
  public subscript(path: [String]) -> TOMLValue? {
    var current = self
    for key in path {
      guard let next = current.table?[key] else { return nil }
      current = next
    }
    return current
  }

  /// A string, or every string of an array of strings (hosts.toml `ca` may be either).
  public var strings: [String]? {
    if let s = string { return [s] }
    guard let items = array else { return nil }
    let strings = items.compactMap(\.string)
    return strings.count == items.count ? strings : nil
  }
}

public struct TOMLError: Error, Sendable, Equatable {
  public var line: Int
  public var reason: String
  public var sentence: String { "line \(line): \(reason)" }
}

public enum TOMLReader {
  public static let maxBytes = 1 << 20
  static let maxDepth = 32

  /// The document as a table, or the first place it is not the TOML regdoctor reads.
  public static func parse(_ text: String) -> Result<TOMLValue, TOMLError> {
    guard text.utf8.count <= maxBytes else {
      return .failure(TOMLError(line: 0, reason: "the file is larger than 1 MiB"))
    }
    var parser = Parser(bytes: Array(text.utf8))
    do {
      return .success(.table(try parser.document()))
    } catch let error as TOMLError {
      return .failure(error)
    } catch {
      return .failure(TOMLError(line: parser.line, reason: "unreadable"))
    }
  }
}

private struct Parser {
  let bytes: [UInt8]
  var index = 0
  var line = 1
  var root: [String: TOMLValue] = [:]
  /// Tables opened by a header or implicitly, to refuse a second `[a]` as TOML does.
  var definedTables: Set<[String]> = []
  var arraysOfTables: Set<[String]> = []
  /// Inline tables and static arrays cannot be extended later.
  var frozen: Set<[String]> = []

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // A BOM from a Windows editor.
  }

  func fail(_ reason: String) -> TOMLError { TOMLError(line: line, reason: reason) }

  var atEnd: Bool { index >= bytes.count }
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func document() throws -> [String: TOMLValue] {
    var table: [String] = []
    while true {
      skipBlanks()
      guard let c = current else { break }
      switch c {
      case UInt8(ascii: "#"): skipComment()
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
      case UInt8(ascii: "\r"):
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else {
          throw fail("a lone carriage return")
        }
        index += 2
        line += 1
      case UInt8(ascii: "["):
        table = try header()
        try endOfLine()
      default:
        let key = try keyPath()
        skipBlanks()
        guard current == UInt8(ascii: "=") else { throw fail("expected '=' after the key \(shown(key))") }
        index += 1
        skipBlanks()
        let value = try self.value(depth: 0)
        try insert(value, at: table, key: key)
        try endOfLine()
      }
    }
    return root
  }

  // MARK: headers and keys

  mutating func header() throws -> [String] {
    index += 1
    let isArray = current == UInt8(ascii: "[")
    if isArray { index += 1 }
    skipBlanks()
    let path = try keyPath()
    skipBlanks()
    guard current == UInt8(ascii: "]") else { throw fail("a table header is not closed with ']'") }
    index += 1
    if isArray {
      guard current == UInt8(ascii: "]") else { throw fail("an array-of-tables header is not closed with ']]'") }
      index += 1
      try appendTable(at: path)
    } else {
      guard !definedTables.contains(path), !arraysOfTables.contains(path) else {
        throw fail("the table [\(shown(path))] is defined twice")
      }
      definedTables.insert(path)
      try openTable(at: path)
    }
    return path
  }

  mutating func keyPath() throws -> [String] {
    var path: [String] = []
    while true {
      skipBlanks()
      path.append(try simpleKey())
      skipBlanks()
      guard current == UInt8(ascii: ".") else { return path }
      index += 1
      guard path.count < 64 else { throw fail("a key has more than 64 parts") }
    }
  }

  mutating func simpleKey() throws -> String {
    switch current {
    case UInt8(ascii: "\""): return try basicString()
    case UInt8(ascii: "'"): return try literalString()
    default:
      let start = index
      while let c = current, isBareKeyByte(c) { index += 1 }
      guard index > start else {
        throw fail(current.map { "unexpected '\(shownByte($0))' where a key should start" } ?? "a key is missing")
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }
  }

  func isBareKeyByte(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
      || c == UInt8(ascii: "-")
  }

  // MARK: values

  mutating func value(depth: Int) throws -> TOMLValue {
    guard depth < TOMLReader.maxDepth else { throw fail("values are nested more than 32 levels deep") }
    guard let c = current else { throw fail("a value is missing at the end of the file") }
    switch c {
    case UInt8(ascii: "\""):
      if hasPrefix("\"\"\"") { throw fail("multi-line strings (\"\"\") are not read by regdoctor") }
      return .string(try basicString())
    case UInt8(ascii: "'"):
      if hasPrefix("'''") { throw fail("multi-line literal strings (''') are not read by regdoctor") }
      return .string(try literalString())
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "{"): return try inlineTable(depth: depth)
    default:
      let start = index
      while let c = current, !isValueEnd(c) { index += 1 }
      let token = String(decoding: bytes[start..<index], as: UTF8.self)
      if token == "true" { return .boolean(true) }
      if token == "false" { return .boolean(false) }
      if token.isEmpty { throw fail("a value is missing") }
      return .integer(try integer(token))
    }
  }

  func isValueEnd(_ c: UInt8) -> Bool {
    [
      UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: " "),
      UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
    ].contains(c)
  }

  func integer(_ token: String) throws -> Int {
    let shownToken = String(token.prefix(40))
    if token.contains(where: { $0 == ":" }) || (token.count >= 10 && token.dropFirst(4).first == "-") {
      throw fail("dates and times (\(shownToken)) are not read by regdoctor")
    }
    if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(token) || token.contains(".")
      || (!token.hasPrefix("0x") && token.contains(where: { $0 == "e" || $0 == "E" }))
    {
      throw fail("floating-point numbers (\(shownToken)) are not read by regdoctor")
    }
    var body = Substring(token)
    var negative = false
    if body.first == "+" || body.first == "-" {
      negative = body.first == "-"
      body = body.dropFirst()
    }
    var radix = 10
    for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
      guard !negative, token.first != "+" else { throw fail("a sign before \(prefix) is not TOML") }
      radix = r
      body = body.dropFirst(2)
    }
    guard !body.isEmpty, body.first != "_", body.last != "_", !body.contains("__"),
      radix != 10 || body == "0" || body.first != "0"
    else { throw fail("'\(shownToken)' is not a TOML value") }
    guard let magnitude = Int(body.filter { $0 != "_" }, radix: radix) else {
      throw fail("'\(shownToken)' is not a TOML value (quote a string)")
    }
    return negative ? -magnitude : magnitude
  }

  mutating func array(depth: Int) throws -> TOMLValue {
    index += 1
    var items: [TOMLValue] = []
    while true {
      try skipArraySpace()
      guard let c = current else { throw fail("an array is not closed with ']'") }
      if c == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      items.append(try value(depth: depth + 1))
      try skipArraySpace()
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard current == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
    }
  }

  /// Blanks, newlines and comments, which TOML allows between array items.
  mutating func skipArraySpace() throws {
    while let c = current {
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
        index += 1
      } else if c == UInt8(ascii: "\n") {
        index += 1
        line += 1
      } else if c == UInt8(ascii: "#") {
        skipComment()
      } else {
        return
      }
    }
  }

  mutating func inlineTable(depth: Int) throws -> TOMLValue {
    index += 1
    var table: [String: TOMLValue] = [:]
    skipBlanks()
    if current == UInt8(ascii: "}") {
      index += 1
      return .table(table)
    }
    while true {
      skipBlanks()
      let key = try keyPath()
      skipBlanks()
      guard current == UInt8(ascii: "=") else { throw fail("expected '=' in an inline table") }
      index += 1
      skipBlanks()
      let v = try value(depth: depth + 1)
      try Self.set(v, at: key, in: &table, line: line)
      skipBlanks()
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard current == UInt8(ascii: "}") else { throw fail("an inline table is not closed with '}' on its line") }
      index += 1
      return .table(table)
    }
  }

  mutating func basicString() throws -> String {
    index += 1
    var out: [UInt8] = []
    while true {
      guard let c = current else { throw fail("a string is not closed with '\"'") }
      index += 1
      switch c {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let e = current else { throw fail("a string ends with a lone backslash") }
        index += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
          let count = e == UInt8(ascii: "u") ? 4 : 8
          guard index + count <= bytes.count,
            let scalar = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16)
              .flatMap(Unicode.Scalar.init)
          else { throw fail("a \\u escape is not a Unicode scalar") }
          index += count
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw fail("the escape '\\\(shownByte(e))' is not TOML")
        }
      case 0x0A, 0x0D: throw fail("a string is not closed on its line")
      default:
        guard c >= 0x20 || c == 0x09, c != 0x7F else { throw fail("a string holds a control character") }
        out.append(c)
      }
    }
  }

  mutating func literalString() throws -> String {
    index += 1
    let start = index
    while let c = current, c != UInt8(ascii: "'") {
      guard c != 0x0A, c != 0x0D else { throw fail("a literal string is not closed on its line") }
      guard c >= 0x20 || c == 0x09, c != 0x7F else { throw fail("a string holds a control character") }
      index += 1
    }
    guard current == UInt8(ascii: "'") else { throw fail("a literal string is not closed with \"'\"") }
    defer { index += 1 }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  // MARK: the tree

  /// `[a.b]`: every step a table (the last element of an array of tables), created where missing.
  mutating func openTable(at path: [String]) throws {
    try Self.modify(&root, path: path, line: line, arrays: arraysOfTables, frozen: frozen) { _ in }
  }

  /// `[[a.b]]`: a new table appended to the array at the path.
  mutating func appendTable(at path: [String]) throws {
    if definedTables.contains(path) || frozen.contains(path) {
      throw fail("[[\(shown(path))]] names a table that is not an array of tables")
    }
    arraysOfTables.insert(path)
    // Tables under an earlier element are new again under this one.
    definedTables = definedTables.filter { !($0.count > path.count && Array($0.prefix(path.count)) == path) }
    let parent = Array(path.dropLast())
    let key = path[path.count - 1]
    let l = line
    try Self.modify(&root, path: parent, line: line, arrays: arraysOfTables, frozen: frozen) { table in
      switch table[key] {
      case nil: table[key] = .array([.table([:])])
      case .array(var items)?:
        items.append(.table([:]))
        table[key] = .array(items)
      default: throw TOMLError(line: l, reason: "[[\(key)]] names a key that already holds a value")
      }
    }
  }

  mutating func insert(_ value: TOMLValue, at table: [String], key: [String]) throws {
    let l = line
    let full = table + key
    if case .table = value { frozen.insert(full) }
    if case .array = value { frozen.insert(full) }
    // Dotted keys open tables under the current one; they may not reach into a table a header defined.
    try Self.modify(&root, path: table, line: line, arrays: arraysOfTables, frozen: []) { t in
      try Self.set(value, at: key, in: &t, line: l)
    }
  }

  static func set(_ value: TOMLValue, at key: [String], in table: inout [String: TOMLValue], line: Int) throws {
    let name = key[0]
    if key.count == 1 {
      guard table[name] == nil else { throw TOMLError(line: line, reason: "the key \(name) is set twice") }
      table[name] = value
      return
    }
    var inner: [String: TOMLValue]
    switch table[name] {
    case nil: inner = [:]
    case .table(let t)?: inner = t
    default: throw TOMLError(line: line, reason: "the key \(name) already holds a value that is not a table")
    }
    try set(value, at: Array(key.dropFirst()), in: &inner, line: line)
    table[name] = .table(inner)
  }

  /// Walks to the table at `path` (creating tables, entering the last element of an array of tables) and lets
  /// `change` modify it.
  static func modify(
    _ table: inout [String: TOMLValue], path: [String], line: Int, arrays: Set<[String]>, frozen: Set<[String]>,
    walked: [String] = [], change: (inout [String: TOMLValue]) throws -> Void
  ) throws {
    guard let name = path.first else { return try change(&table) }
    let here = walked + [name]
    if frozen.contains(here) {
      throw TOMLError(line: line, reason: "\(name) was given as a value and cannot be extended by a header")
    }
    let rest = Array(path.dropFirst())
    switch table[name] {
    case nil:
      var inner: [String: TOMLValue] = [:]
      try modify(&inner, path: rest, line: line, arrays: arrays, frozen: frozen, walked: here, change: change)
      table[name] = .table(inner)
    case .table(var inner)?:
      table[name] = nil  // Keeps the copy unique while it is changed.
      defer { table[name] = .table(inner) }
      try modify(&inner, path: rest, line: line, arrays: arrays, frozen: frozen, walked: here, change: change)
    case .array(var items)? where arrays.contains(here):
      guard case .table(var last)? = items.last else {
        throw TOMLError(line: line, reason: "\(name) is not an array of tables")
      }
      try modify(&last, path: rest, line: line, arrays: arrays, frozen: frozen, walked: here, change: change)
      items[items.count - 1] = .table(last)
      table[name] = .array(items)
    default:
      throw TOMLError(line: line, reason: "\(name) already holds a value that is not a table")
    }
  }

  // MARK: spacing

  mutating func skipBlanks() {
    while let c = current, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { index += 1 }
  }

  mutating func skipComment() {
    while let c = current, c != UInt8(ascii: "\n") { index += 1 }
  }

  /// After a key/value pair or a header: blanks, an optional comment, then a newline or the end.
  mutating func endOfLine() throws {
    skipBlanks()
    if current == UInt8(ascii: "#") { skipComment() }
    if current == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
    guard atEnd || current == UInt8(ascii: "\n") else {
      throw fail(current.map { "unexpected '\(shownByte($0))' after a value (one key = value per line)" } ?? "")
    }
  }

  func hasPrefix(_ s: String) -> Bool {
    let p = Array(s.utf8)
    return index + p.count <= bytes.count && Array(bytes[index..<index + p.count]) == p
  }

  func shown(_ path: [String]) -> String { shownText(path.joined(separator: "."), keepNewlines: false) }

  func shownByte(_ c: UInt8) -> String {
    c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
  }
}
