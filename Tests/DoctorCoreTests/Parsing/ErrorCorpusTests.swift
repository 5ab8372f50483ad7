import Foundation
import XCTest

@testable import DoctorCore

/// The matcher against real error lines users pasted in public issue threads (Fixtures/pasted-errors.tsv, each
/// row citing its thread): the symptoms must be exactly the expected ones, the expected findings among those named,
/// and the expected facts read. Prints the hit rate per family (`swift test --filter ErrorCorpusTests`).
final class ErrorCorpusTests: XCTestCase {
  struct Row {
    let number: Int
    let family: String
    let line: String
    let symptoms: [SymptomID]
    let findings: [String]
    let facts: [(String, String)]
    let source: String
  }

  static func corpus() throws -> [Row] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/pasted-errors.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows: [Row] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if raw.isEmpty || raw.hasPrefix("#") { continue }
      let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cols.count == 6 else {
        throw NSError(domain: "corpus", code: index + 1, userInfo: [NSLocalizedDescriptionKey: "line \(index + 1)"])
      }
      func list(_ s: String) -> [String] { s == "-" ? [] : s.split(separator: ",").map(String.init) }
      let facts: [(String, String)] =
        cols[4] == "-"
        ? []
        : cols[4].split(separator: ";").map { pair in
          let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
          return (kv[0], kv.count > 1 ? kv[1] : "")
        }
      rows.append(
        Row(
          number: index + 1, family: cols[0], line: cols[1],
          symptoms: list(cols[2]).compactMap(SymptomID.init(rawValue:)), findings: list(cols[3]), facts: facts,
          source: cols[5]))
    }
    return rows
  }

  /// What is wrong with the matcher's answer for one row; empty when it is right.
  static func problems(_ row: Row) -> [String] {
    let e = ErrorMatcher.explain(row.line)
    var out: [String] = []
    if e.symptoms != row.symptoms {
      out.append("symptoms \(e.symptoms.map(\.rawValue)) != \(row.symptoms.map(\.rawValue))")
    }
    for f in row.findings where !e.findingIDs.contains(f) { out.append("finding \(f) missing (got \(e.findingIDs))") }
    let read = Dictionary(e.facts.pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    for (key, value) in row.facts where read[key] != value {
      out.append("fact \(key)=\(value) read as \(read[key] ?? "nothing")")
    }
    return out
  }

  func testCorpusIsLargeAndCited() throws {
    let rows = try Self.corpus()
    XCTAssertGreaterThanOrEqual(rows.count, 100)
    let projects = Set(rows.map { $0.source.split(separator: "/").prefix(5).joined(separator: "/") })
    XCTAssertGreaterThanOrEqual(projects.count, 8)
    for row in rows {
      XCTAssertTrue(row.source.hasPrefix("https://github.com/"), "row \(row.number) cites no thread")
      XCTAssertFalse(row.line.isEmpty, "row \(row.number)")
    }
  }

  func testEveryRealLineIsUnderstood() throws {
    let rows = try Self.corpus()
    var perFamily: [String: (hits: Int, total: Int)] = [:]
    var misses: [String] = []
    for row in rows {
      let problems = Self.problems(row)
      perFamily[row.family, default: (0, 0)].total += 1
      if problems.isEmpty {
        perFamily[row.family, default: (0, 0)].hits += 1
      } else {
        misses.append("row \(row.number) [\(row.family)] \(row.source): \(problems.joined(separator: "; "))")
      }
    }
    var report = "hit rate per family (symptoms exact, findings and facts included):\n"
    for (family, counts) in perFamily.sorted(by: { $0.key < $1.key }) {
      report += "  \(family.padding(toLength: 22, withPad: " ", startingAt: 0)) \(counts.hits)/\(counts.total)\n"
    }
    let hits = perFamily.values.reduce(0) { $0 + $1.hits }
    report += "  total                  \(hits)/\(rows.count)\n"
    print(report)
    XCTAssertEqual(misses, [], misses.joined(separator: "\n"))
  }

  func testEveryFamilyOfTheTableHasARealLineOrIsARendering() throws {
    let rows = try Self.corpus()
    let reached = Set(rows.flatMap { ErrorMatcher.explain($0.line).families })
    let renderingsOnly = Set(
      ErrorMatcher.table.map(\.family).filter { family in
        ErrorMatcher.table.filter { $0.family == family }.allSatisfy(\.rendering)
      })
    for family in ErrorFamily.allCases where !renderingsOnly.contains(family) {
      if family == .defender || family == .portalNetworkSave || family == .privateLinkNameNotFound { continue }
      XCTAssertTrue(reached.contains(family), "\(family.rawValue) has no real line in the corpus")
    }
  }
}
