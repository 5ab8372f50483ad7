import XCTest

@testable import DoctorCore

final class ProxyParsingTests: XCTestCase {
  /// raw -> (scheme, host, port, username, password, redacted)
  private let accepted: [(String, ProxyURL.Scheme, String, Int, String?, String?, String)] = [
    ("proxy:3128", .http, "proxy", 3128, nil, nil, "http://proxy:3128"),
    (
      "proxy.corp.example", .http, "proxy.corp.example", 80, nil, nil,
      "http://proxy.corp.example:80"
    ),
    (
      "http://proxy.corp.example:3128/", .http, "proxy.corp.example", 3128, nil, nil,
      "http://proxy.corp.example:3128"
    ),
    (
      "HTTP://Proxy.Corp.Example:3128", .http, "proxy.corp.example", 3128, nil, nil,
      "http://proxy.corp.example:3128"
    ),
    (
      "https://proxy.corp.example", .https, "proxy.corp.example", 443, nil, nil,
      "https://proxy.corp.example:443"
    ),
    ("socks5://127.0.0.1", .socks5, "127.0.0.1", 1080, nil, nil, "socks5://127.0.0.1:1080"),
    ("socks5h://[::1]:9050", .socks5h, "::1", 9050, nil, nil, "socks5h://[::1]:9050"),
    (
      "http://user:secret@proxy:3128", .http, "proxy", 3128, "user", "secret",
      "http://user:***@proxy:3128"
    ),
    (
      "user:secret@proxy:3128", .http, "proxy", 3128, "user", "secret", "http://user:***@proxy:3128"
    ),
    (
      "http://dom%5Cuser:p%40ss%3Aw0rd@proxy:8080", .http, "proxy", 8080, "dom\\user", "p@ss:w0rd",
      "http://dom\\user:***@proxy:8080"
    ),
    (
      "http://user:p@ss@proxy:8080", .http, "proxy", 8080, "user", "p@ss",
      "http://user:***@proxy:8080"
    ),
    ("http://user@proxy:8080", .http, "proxy", 8080, "user", nil, "http://***@proxy:8080"),
    ("http://@proxy:8080", .http, "proxy", 8080, nil, nil, "http://proxy:8080"),
    ("http://:tok@proxy:8080", .http, "proxy", 8080, "", "tok", "http://:***@proxy:8080"),
    ("http://user:%E3%83%91@proxy:1", .http, "proxy", 1, "user", "パ", "http://user:***@proxy:1"),
    ("  http://proxy:3128\n", .http, "proxy", 3128, nil, nil, "http://proxy:3128"),
    ("http://proxy:", .http, "proxy", 80, nil, nil, "http://proxy:80"),
    ("http://proxy:3128?x=1#frag", .http, "proxy", 3128, nil, nil, "http://proxy:3128"),
  ]

  func testAcceptsProxyURLs() throws {
    for (raw, scheme, host, port, user, password, redacted) in accepted {
      let url = try ProxyURL.parse(raw, source: "HTTPS_PROXY")
      XCTAssertEqual(url.scheme, scheme, raw)
      XCTAssertEqual(url.host, host, raw)
      XCTAssertEqual(url.port, port, raw)
      XCTAssertEqual(url.username, user, raw)
      XCTAssertEqual(url.password, password, raw)
      XCTAssertEqual(url.redacted, redacted, raw)
      XCTAssertEqual(url.source, "HTTPS_PROXY")
    }
  }

  /// raw -> fragment of the message; every raw holds the password `hunter2` where it has one.
  private let rejected: [(String, String)] = [
    ("", "is empty"),
    ("   ", "is empty"),
    ("http://user:hunter2@proxy:99999", "port"),
    ("http://user:hunter2@proxy:0", "port"),
    ("http://user:hunter2@proxy:abc", "port"),
    ("socks4://user:hunter2@proxy:1080", "scheme"),
    ("ftp://proxy", "scheme"),
    ("http://user:hunter2%zz@proxy", "broken %-escape"),
    ("http://us%er:hunter2@proxy", "broken %-escape"),
    ("http://user:hunter2%ff@proxy", "broken %-escape"),
    ("http://user:hunter2@", "no host"),
    ("http://", "no host"),
    ("http://[::1", "closing"),
    ("http://[proxy]:80", "IPv6"),
    ("http://::1:80", "brackets"),
    ("http://user:hunter2@pro xy", "a space"),
    ("http://pro\u{0}xy", "control character"),
    ("http://proxy;rm -rf /:80", "a space"),
    ("http://$(id):80", "'$'"),
    ("http://user:hunter2@prøxy:80", "punycode"),
    ("http://" + String(repeating: "a", count: 70) + ".example:80", "63"),
    ("http://user:hunter2@" + String(repeating: "p", count: 5000), "2048"),
  ]

  func testRejectsWithoutLeakingThePassword() {
    for (raw, fragment) in rejected {
      do {
        let url = try ProxyURL.parse(raw, source: "HTTPS_PROXY")
        XCTFail("accepted \(raw.debugDescription) as \(url.redacted)")
      } catch {
        XCTAssertTrue(error.message.contains(fragment), "\(raw.debugDescription): \(error.message)")
        XCTAssertFalse(error.message.contains("hunter2"), "password leaked: \(error.message)")
        XCTAssertTrue(error.message.hasPrefix("HTTPS_PROXY"), error.message)
        XCTAssertLessThan(error.message.count, 300)
      }
    }
  }

  func testProblemsReportMalformedAndDisagreeingVariables() {
    let env = ProxyEnvironment(environment: [
      "HTTPS_PROXY": "http://user:hunter2@proxy:99999",
      "https_proxy": "http://proxy:3128",
      "NO_PROXY": "*.corp.example, https://x.example, 10.0.0.0/33, a b",
      "no_proxy": "localhost",
      "ALL_PROXY": "socks5://s:1080",
    ])
    let problems = env.problems
    let text = problems.joined(separator: "\n")
    XCTAssertFalse(text.contains("hunter2"), text)
    XCTAssertTrue(problems.contains { $0.hasPrefix("HTTPS_PROXY") && $0.contains("port") }, text)
    XCTAssertTrue(problems.contains { $0.contains("HTTPS_PROXY and https_proxy differ") }, text)
    XCTAssertTrue(problems.contains { $0.contains("NO_PROXY and no_proxy differ") }, text)
    XCTAssertTrue(
      problems.contains { $0.contains("'*.corp.example'") && $0.contains("not for curl") }, text)
    XCTAssertTrue(
      problems.contains { $0.contains("'https://x.example'") && $0.contains("is a URL") }, text)
    XCTAssertTrue(problems.contains { $0.contains("'10.0.0.0/33'") && $0.contains("CIDR") }, text)
    XCTAssertTrue(problems.contains { $0.contains("'a b'") && $0.contains("blank") }, text)
    XCTAssertFalse(problems.contains { $0.contains("Only ALL_PROXY") }, "HTTPS_PROXY is set")
  }

  func testProblemsForOnlyAllProxyAndCleanEnvironment() {
    XCTAssertEqual(ProxyEnvironment(environment: [:]).problems, [])
    XCTAssertEqual(
      ProxyEnvironment(environment: [
        "HTTPS_PROXY": "http://p:3128", "NO_PROXY": "localhost,.corp.example",
      ]).problems,
      [])
    let onlyAll = ProxyEnvironment(environment: ["ALL_PROXY": "http://p:3128"]).problems
    XCTAssertEqual(onlyAll.count, 1)
    XCTAssertTrue(onlyAll[0].contains("Only ALL_PROXY"))
  }

  func testProblemsAreBounded() {
    let noProxy = (0..<5000).map { "*.d\($0).example" }.joined(separator: ",")
    let problems = ProxyEnvironment(environment: ["NO_PROXY": noProxy]).problems
    XCTAssertEqual(problems.count, 20)
  }
}
