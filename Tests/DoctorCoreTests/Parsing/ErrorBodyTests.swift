import XCTest

@testable import DoctorCore

final class ErrorBodyTests: XCTestCase {
  private let firewallMessage =
    "client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."

  /// body -> (code, message prefix, deniedClientIP)
  private var accepted: [(String, String, String, String?)] {
    [
      (
        #"{"errors":[{"code":"DENIED","message":"\#(firewallMessage)","detail":null}]}"#,
        "DENIED", "client with IP", "203.0.113.7"
      ),
      (
        #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Name":"x","Action":"pull"}]}]}"#,
        "UNAUTHORIZED", "authentication required", nil
      ),
      (
        #"{"errors":[{"code":"DENIED","message":"x"},{"code":"OTHER","message":"y"}]}"#, "DENIED",
        "x", nil
      ),
      (
        #"  {"errors":[{"code":"DENIED","message":"denied","detail":"client with IP \"2001:db8::7\" is not allowed access"}]}"#,
        "DENIED", "denied", "2001:db8::7"
      ),
      (
        #"{"errors":[{"code":"DENIED","message":"client with IP '999.1.1.1' is not allowed access"}]}"#,
        "DENIED", "client with IP '999.1.1.1'", nil
      ),
      (#"{"errors":[{"code":"NAME_UNKNOWN"}]}"#, "NAME_UNKNOWN", "", nil),
      (#"{"errors":[{"message":"only a message"}]}"#, "", "only a message", nil),
      ("denied: \(firewallMessage)", "DENIED", "denied: client with IP", "203.0.113.7"),
      (
        "<html>\n<p>403 Forbidden</p>\nCLIENT WITH IP 198.51.100.4 IS NOT ALLOWED ACCESS\n</html>",
        "DENIED", "CLIENT WITH IP", "198.51.100.4"
      ),
      ("client with IP '$(reboot)' is not allowed access", "DENIED", "client with IP", nil),
      // Truncated JSON falls back to the sentence in it.
      (
        #"{"errors":[{"code":"DENIED","message":"client with IP '203.0.113.9' is not allowed access"#,
        "DENIED", #"{"errors""#, "203.0.113.9"
      ),
    ]
  }

  func testParsesErrorBodies() {
    for (body, code, messagePrefix, ip) in accepted {
      guard let parsed = RegistryErrorBody.parse(body) else {
        XCTFail("nil for \(body.prefix(80))")
        continue
      }
      XCTAssertEqual(parsed.code, code, body)
      XCTAssertTrue(
        parsed.message.hasPrefix(messagePrefix), "\(parsed.message) for \(body.prefix(80))")
      XCTAssertEqual(parsed.deniedClientIP, ip, body)
    }
  }

  private let rejected: [String] = [
    "",
    "   ",
    "404 page not found",
    #"{"errors":[]}"#,
    #"{"errors":[{}]}"#,
    #"{"errors":"DENIED"}"#,
    #"{"details":"incorrect username or password"}"#,
    "[1,2,3]",
    "{",
    String(repeating: "[", count: 60_000),
    String(repeating: "{\"a\":", count: 10_000),
    "\u{0}\u{1}\u{2}binary",
    "client with IP",
    "client with IP '1.2.3.4' is allowed access",
  ]

  func testRejectsNonErrorBodies() {
    for body in rejected {
      XCTAssertNil(RegistryErrorBody.parse(body), body.prefix(60).debugDescription)
    }
  }

  func testHugeBodiesAreCutBeforeParsing() {
    let padding = String(repeating: "x", count: 70 * 1024)
    // The sentence beyond 64 KiB is never seen.
    XCTAssertNil(RegistryErrorBody.parse(padding + firewallMessage))
    // Within the first 64 KiB it is, and the message is clipped.
    let parsed = RegistryErrorBody.parse(firewallMessage + "\n" + padding)
    XCTAssertEqual(parsed?.deniedClientIP, "203.0.113.7")
    let longMessage = #"{"errors":[{"code":"DENIED","message":""# + padding + #""}]}"#
    XCTAssertNil(
      RegistryErrorBody.parse(longMessage), "cut JSON with no sentence is not an error body")
    let shortEnough =
      #"{"errors":[{"code":"DENIED","message":""# + String(repeating: "y", count: 5000) + #""}]}"#
    XCTAssertLessThanOrEqual(RegistryErrorBody.parse(shortEnough)?.message.count ?? 0, 1025)
  }
}
