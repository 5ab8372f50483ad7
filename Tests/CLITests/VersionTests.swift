import Foundation
import XCTest

/// `regdoctor --version` and the JSON report's `regdoctorVersion`: a report attached to a ticket says which build
/// wrote it.
extension CLITests {
  func testVersionPrintsVersionAndCommit() throws {
    let r = try regdoctor(["--version"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    // "regdoctor 0.9.0 (3f2a1c9d0b7e)", "(…-dirty)" or "(unknown commit)" for a plain `swift build`.
    let shape = try NSRegularExpression(
      pattern: #"^regdoctor [0-9]+\.[0-9]+\.[0-9]+ \(([0-9a-f]{7,40}(-dirty)?|unknown commit)\)$"#)
    XCTAssertNotNil(shape.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
  }

  func testJSONReportCarriesTheVersion() throws {
    let version = try regdoctor(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let r = try regdoctor([
      "diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1", "--format", "json",
    ])
    XCTAssertEqual(r.status, 1, r.stderr)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let reported = try XCTUnwrap(json["regdoctorVersion"] as? String)
    XCTAssertEqual("regdoctor " + reported, version)
  }
}
