import FoundationEssentials

/// A JSON value whose objects keep their key order, so reports diff cleanly and read in a sensible order.
public indirect enum JSONValue: Sendable, Equatable {
  case string(String)
  case number(Double)
  case int(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

  public func serialized(indent: Int = 0, pretty: Bool = true) -> String {
    var out = ""
    write(into: &out, level: indent, pretty: pretty)
    return out
  }

  private func write(into out: inout String, level: Int, pretty: Bool) {
    let nl = pretty ? "\n" : ""
    let pad = pretty ? String(repeating: "  ", count: level + 1) : ""
    let close = pretty ? String(repeating: "  ", count: level) : ""
    switch self {
    case .string(let s): out += Self.quote(s)
    case .number(let d): out += d.isFinite ? fixedPoint(d, digits: 1) : "null"
    case .int(let i): out += String(i)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + nl
      for (i, v) in items.enumerated() {
        out += pad
        v.write(into: &out, level: level + 1, pretty: pretty)
        out += (i < items.count - 1 ? "," : "") + nl
      }
      out += close + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{" + nl
      for (i, (k, v)) in pairs.enumerated() {
        out += pad + Self.quote(k) + (pretty ? ": " : ":")
        v.write(into: &out, level: level + 1, pretty: pretty)
        out += (i < pairs.count - 1 ? "," : "") + nl
      }
      out += close + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20 || u.value == 0x7f: out += "\\u" + hexDigits(u.value, width: 4)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
