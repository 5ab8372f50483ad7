import FoundationEssentials

// What JSONSerialization.jsonObject gave (full Foundation only), read with FoundationEssentials' JSONDecoder:
// [String: Any], [Any], String, Bool, Int (an integer that fits) or Double, and JSONNull for null. A Bool is never
// a number here, so `as? Bool` is the check JSONSerialization's NSNumber needed objCType for.

/// JSON's null (JSONSerialization's NSNull).
public struct JSONNull: Sendable, Equatable {}

public enum JSONAny {
  /// The value of a JSON text, nil when it is not JSON. Without `fragmentsAllowed` the top level must be an
  /// object or an array, as JSONSerialization's default.
  public static func parse(_ bytes: some Sequence<UInt8>, fragmentsAllowed: Bool = false) -> Any? {
    guard let value = try? JSONDecoder().decode(Node.self, from: Data(bytes)).value else { return nil }
    if !fragmentsAllowed && !(value is [String: Any] || value is [Any]) { return nil }
    return value
  }

  /// `value` (from parse) written as compact JSON; nil for what JSON cannot hold.
  public static func serialize(_ value: Any) -> String? {
    switch value {
    case let s as String: return JSONValue.quote(s)
    case let b as Bool: return b ? "true" : "false"
    case let i as Int: return String(i)
    case let d as Double: return d.isFinite ? "\(d)" : nil
    case is JSONNull: return "null"
    case let list as [Any]:
      var parts: [String] = []
      for item in list {
        guard let s = serialize(item) else { return nil }
        parts.append(s)
      }
      return "[" + parts.joined(separator: ",") + "]"
    case let object as [String: Any]:
      var parts: [String] = []
      for (key, item) in object.sorted(by: { $0.key < $1.key }) {
        guard let s = serialize(item) else { return nil }
        parts.append(JSONValue.quote(key) + ":" + s)
      }
      return "{" + parts.joined(separator: ",") + "}"
    default: return nil
    }
  }

  private struct Key: CodingKey {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
  }

  private struct Node: Decodable {
    let value: Any

    init(from decoder: any Decoder) throws {
      if let object = try? decoder.container(keyedBy: Key.self) {
        var out: [String: Any] = [:]
        for key in object.allKeys { out[key.stringValue] = try object.decode(Node.self, forKey: key).value }
        value = out
        return
      }
      if var list = try? decoder.unkeyedContainer() {
        var out: [Any] = []
        if let count = list.count { out.reserveCapacity(count) }
        while !list.isAtEnd { out.append(try list.decode(Node.self).value) }
        value = out
        return
      }
      let single = try decoder.singleValueContainer()
      if single.decodeNil() {
        value = JSONNull()
      } else if let b = try? single.decode(Bool.self) {
        value = b
      } else if let i = try? single.decode(Int.self) {
        value = i
      } else if let d = try? single.decode(Double.self) {
        value = d
      } else {
        value = try single.decode(String.self)
      }
    }
  }
}
