import Foundation

/// The part of `regdoctor diagnose --format json` (CONTRACT.md) the lab asserts on.
struct DiagnoseReport: Decodable {
  struct Probe: Decodable {
    let id: String
    let target: String?
    let status: String
    let summary: String?
    let details: JSONValue?

    /// Summary and details flattened, for "mentions" checks.
    var text: String { [summary ?? "", details?.flattenedText ?? ""].joined(separator: " ") }
  }

  struct Finding: Decodable {
    let id: String
    let cause: String?
    let severity: String
    let title: String?
    let evidence: [String]?

    var text: String { ([title ?? ""] + (evidence ?? [])).joined(separator: " ") }
  }

  struct Conclusion: Decodable {
    let finding: String
    let cause: String?
    let summary: String?
  }

  /// The `pullers` section: each puller found, its trust and whether its own path got through.
  struct Puller: Decodable {
    let kind: String
    let version: String?
    let trust: String?
    let path: String
    /// The Docker daemon's registry mirrors (Docker Hub pulls only).
    let mirrors: [Mirror]?

    struct Mirror: Decodable {
      let url: String
      let path: String
    }
  }

  let pullers: [Puller]?
  let probes: [Probe]
  let findings: [Finding]
  let conclusion: Conclusion
  let elapsedMs: Double?
  /// The probes not waited for once the conclusion was decided.
  let stoppedAsNotNeeded: [String]?
}

/// Free-form JSON (probe details).
enum JSONValue: Decodable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Keys and values as one line of text.
  var flattenedText: String {
    switch self {
    case .string(let value): return value
    case .number(let value): return String(value)
    case .bool(let value): return String(value)
    case .null: return "null"
    case .array(let values): return values.map(\.flattenedText).joined(separator: " ")
    case .object(let members):
      return members.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.flattenedText)" }
        .joined(separator: " ")
    }
  }
}
