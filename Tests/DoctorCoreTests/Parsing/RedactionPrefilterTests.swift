import XCTest

@testable import DoctorCore

/// redactSecrets skips a rule on ASCII text that lacks the words every match of it holds (issue 12: the rules are
/// Swift Regex now, compiled on first use). The skip must never let a secret through: each row is a secret in the
/// nearest shape to one the skip leaves alone.
final class RedactionPrefilterTests: XCTestCase {
  private let rows: [(String, String)] = [
    // A challenge (skipped) before a real token on the same line (not skipped).
    (#"Bearer realm="x" then Bearer abc.def"#, #"Bearer realm="x" then Bearer ***"#),
    // Blanks of every kind between Bearer and the token; a token longer than the challenge check looks at.
    ("Bearer\t \t abc", "Bearer\t \t ***"),
    ("Bearer " + String(repeating: "a", count: 70) + " =x", "Bearer *** =x"),
    // name= with the value too far away is no challenge: the token is hidden.
    ("Bearer realm     =x", "Bearer ***     =x"),
    // Upper case and keys inside longer words.
    ("PASSWORD=hunter2", "PASSWORD=***"),
    (#"{"Identity_Token" : "abc"}"#, #"{"Identity_Token" : "***"}"#),
    ("az login --Client-Secret s3cr3t", "az login --Client-Secret ***"),
    ("docker login -u me -p s3cr3t x", "docker login -u me -p *** x"),
    ("HTTP://u:p@h", "HTTP://u:***@h"),
    // Non-ASCII text always runs every rule.
    ("ｐ password=x", "ｐ password=***"),
  ]

  func testNoSecretSlipsPastTheSkip() {
    for (input, expected) in rows {
      XCTAssertEqual(redactSecrets(input), expected, input)
    }
  }

  func testTextWithoutTheWordsIsUnchanged() {
    for text in ["GET /v2/ 401", "dial tcp 10.0.0.1:443: i/o timeout", "--no-az --timeout 2", "token endpoint"] {
      XCTAssertEqual(redactSecrets(text), text)
    }
  }
}
