import DoctorCore
import Foundation
import XCTest

/// Nothing a server, a file or the environment says reaches a text or Markdown report with a raw control
/// character, whatever field it lands in (issue 11).
final class ReportSanitizingTests: XCTestCase {
  /// What a hostile registry put in its reason phrase: alternate screen, clear, window title.
  let screenSwitch = "\u{1B}[?1049h\u{1B}[2J\u{1B}]0;title\u{07}"

  func report(with hostile: String) -> Report {
    var b = FactsBuilder()
    b.symptoms = [.s5]
    b.loginDeniedByProxy(
      proxyURL: "http://proxy.corp:3128", statusLine: "HTTP/1.1 403 \(hostile)", error: "proxy said \(hostile)")
    var r = b.report
    // And in every free-text field directly, as any future probe might fill it.
    r.conclusion.summary += hostile
    for i in r.probes.indices { r.probes[i].summary += hostile }
    for i in r.findings.indices {
      r.findings[i].evidence.append(hostile)
      r.findings[i].title += hostile
      for j in r.findings[i].remedies.indices { r.findings[i].remedies[j].commands.append("echo \(hostile)") }
    }
    return r
  }

  /// Control characters a report may hold: newline and tab; with colour, only the report's own SGR sequences.
  func rawControls(_ text: String, allowingSGR: Bool) -> [Unicode.Scalar] {
    var scrubbed = text
    if allowingSGR {
      for sgr in ["\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m", "\u{1B}[31m", "\u{1B}[33m", "\u{1B}[32m"] {
        scrubbed = scrubbed.replacingOccurrences(of: sgr, with: "")
      }
    }
    return scrubbed.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        || (0x202A...0x202E).contains($0.value)
        || (0x2066...0x2069).contains($0.value)
    }
  }

  func testAReasonPhraseCannotSwitchTheScreen() {
    let r = report(with: screenSwitch)
    for (name, text, sgr) in [
      ("text", TextReport.render(r), false), ("text+colour", TextReport.render(r, color: true), true),
      ("markdown", MarkdownReport.render(r), false),
    ] {
      XCTAssertEqual(rawControls(text, allowingSGR: sgr), [], name)
      XCTAssertTrue(text.contains("\\x1B[?1049h\\x1B[2J\\x1B]0;title\\x07"), "\(name) shows it escaped")
    }
  }

  /// Property: random mixes of every control character, C1, DEL, bidi overrides, the report's own placeholder
  /// code points and a password, in every field: never a raw control character, never the password.
  func testNoRandomHostileTextReachesAReportRaw() {
    var generator = SplitMix64(seed: 11)
    let alphabet: [Unicode.Scalar] =
      (0...0x20).map { Unicode.Scalar($0)! } + (0x7F...0x9F).map { Unicode.Scalar($0)! }
      + [0x202E, 0x2066, 0xE000, 0xE003, 0x41, 0x3042, 0x1F642, 0x5B, 0x3B].map { Unicode.Scalar($0)! }
    for round in 0..<300 {
      var hostile = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 1...40, using: &generator) {
        hostile.append(alphabet.randomElement(using: &generator)!)
      }
      let text = String(hostile) + " http://u:Hunter2-secret@p "
      let r = report(with: text)
      for (name, rendered, sgr) in [
        ("text", TextReport.render(r), false), ("text+colour", TextReport.render(r, color: true), true),
        ("markdown", MarkdownReport.render(r), false),
      ] {
        let raw = rawControls(rendered, allowingSGR: sgr)
        XCTAssertEqual(raw, [], "\(name), round \(round): \(raw.map { String($0.value, radix: 16) })")
        XCTAssertFalse(rendered.contains("Hunter2-secret"), "\(name), round \(round)")
        if !raw.isEmpty { return }
      }
    }
  }

  func testEscapingKeepsOrdinaryTextAndNewlines() {
    XCTAssertEqual(escapingControlCharacters("a\nb\tc ü 日本"), "a\nb\tc ü 日本")
    XCTAssertEqual(escapingControlCharacters("a\nb\r\u{7F}\u{9B}", keepNewlines: false), "a\\x0Ab\\x0D\\x7F\\u{9B}")
  }
}

/// A small seeded generator: the property test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
