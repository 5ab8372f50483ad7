import XCTest

/// `--image` takes a repository reference and nothing else: anything else is exit 2 with a message that says
/// what to type, before any probe runs.
extension CLITests {
  func testNotARepositoryReferenceExitsTwoWithAMessage() throws {
    let cases: [(String, String)] = [
      ("", "needs a repository name"), ("Team/App", "is not a repository name"),
      ("app:", "has a tag that is not"), ("app:-x", "has a tag that is not"),
      ("app@sha256:abc", "has a digest that is not"), ("app@md5:0123", "has a digest that is not"),
      ("other.example.com/app:1", "names the registry"), ("a//b", "is not a repository name"),
      ("app;rm -rf /", "is not a repository name"), ("app\u{1b}[31m", "is not a repository name"),
      ("é", "is not an image reference"),
    ]
    for (bad, words) in cases {
      let r = try regdoctor(["diagnose", "127.0.0.1:5000", "--no-az", "--image", bad])
      XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(words), "\(bad): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("\u{1b}"), "control characters are escaped: \(r.stderr)")
      XCTAssertTrue(r.stdout.isEmpty, bad)
    }
  }
}

extension CLITests {
  /// An input error found when diagnose starts (the registry, --image) is followed by diagnose's usage, not the
  /// root's "regdoctor <subcommand>"; the wizard (the default) points at `regdoctor --help`.
  func testInputErrorsShowTheUsageOfTheCommandTyped() throws {
    let diagnose = try regdoctor(["diagnose", "127.0.0.1:5000", "--no-az", "--image", "Team/App"])
    XCTAssertEqual(diagnose.status, 2, diagnose.stderr)
    XCTAssertTrue(diagnose.stderr.contains("Usage: regdoctor diagnose [<options>] <registry>"), diagnose.stderr)
    XCTAssertTrue(diagnose.stderr.contains("See 'regdoctor diagnose --help'"), diagnose.stderr)
    XCTAssertFalse(diagnose.stderr.contains("<subcommand>"), diagnose.stderr)
    let wizard = try regdoctor(["bad host!"])
    XCTAssertEqual(wizard.status, 2, wizard.stderr)
    XCTAssertTrue(wizard.stderr.contains("Usage: regdoctor [<options>] [<registry>]"), wizard.stderr)
    XCTAssertFalse(wizard.stderr.contains("<subcommand>"), wizard.stderr)
  }
}
