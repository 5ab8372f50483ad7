import DoctorCore
import Foundation
import XCTest

final class ReportTests: XCTestCase {
  func sampleReport(language: Language = .en) -> Report {
    var b = FactsBuilder()
    b.symptoms = [.s5]
    b.loginDeniedByProxy(
      proxyURL: "http://alice:***@proxy.corp:3128", statusLine: "HTTP/1.1 403 Forbidden",
      error: "proxyconnect tcp: dial http://alice:s3cret-pw@proxy.corp:3128: connection reset")
    var r = b.report
    r.language = language
    return r
  }

  func parse(_ json: String) throws -> [String: Any] {
    try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
  }

  func testJSONFollowsTheContract() throws {
    let obj = try parse(JSONReport.render(sampleReport()))
    XCTAssertEqual(obj["schema"] as? Int, 1)
    let registry = try XCTUnwrap(obj["registry"] as? [String: Any])
    XCTAssertEqual(registry["loginServer"] as? String, "contoso.azurecr.io")
    XCTAssertEqual(obj["symptoms"] as? [String], ["S5"])
    let probes = try XCTUnwrap(obj["probes"] as? [[String: Any]])
    for p in probes {
      for key in ["id", "target", "status", "durationMs", "summary", "details"] { XCTAssertNotNil(p[key], key) }
      XCTAssertTrue(ProbeStatus.allCases.map(\.rawValue).contains(p["status"] as? String ?? ""))
    }
    let findings = try XCTUnwrap(obj["findings"] as? [[String: Any]])
    XCTAssertEqual(findings.first?["id"] as? String, "proxy-connect-denied")
    for f in findings {
      for key in ["id", "cause", "severity", "title", "evidence", "remedies"] { XCTAssertNotNil(f[key], key) }
    }
    let conclusion = try XCTUnwrap(obj["conclusion"] as? [String: Any])
    XCTAssertEqual(conclusion["finding"] as? String, findings.first?["id"] as? String)
    XCTAssertEqual(conclusion["cause"] as? String, "client-firewall-or-proxy")
    XCTAssertNotNil(obj["elapsedMs"] as? Double)
  }

  func testNoFormatLeaksTheProxyPassword() {
    let r = sampleReport()
    for text in [JSONReport.render(r), MarkdownReport.render(r), TextReport.render(r)] {
      XCTAssertFalse(text.contains("s3cret-pw"), text)
      XCTAssertTrue(text.contains("alice:***@proxy.corp"), text)
    }
  }

  /// A title or why filled with a value from outside (a host, a proxy) is redacted in JSON too, like evidence.
  func testJSONRedactsFindingTitlesAndWhys() throws {
    var r = sampleReport()
    r.findings[0].title = "The proxy http://bob:hunter2-pw@proxy.corp:3128 refuses"
    r.findings[0].why = "through http://bob:hunter2-pw@proxy.corp:3128"
    let json = JSONReport.render(r)
    XCTAssertFalse(json.contains("hunter2-pw"), json)
    let finding = try XCTUnwrap((try parse(json)["findings"] as? [[String: Any]])?.first)
    XCTAssertEqual(finding["title"] as? String, "The proxy http://bob:***@proxy.corp:3128 refuses")
  }

  func testJSONEscapesControlCharacters() throws {
    let v = JSONValue.object([("k", .string("a\"b\\c\nd\u{1}e"))])
    let back = try parse(v.serialized())
    XCTAssertEqual(back["k"] as? String, "a\"b\\c\nd\u{1}e")
  }

  func testTextAndMarkdownNameTheConclusionFirst() {
    let r = sampleReport()
    let text = TextReport.render(r)
    let conclusionLine = text.split(separator: "\n").first { $0.hasPrefix("Conclusion") }
    XCTAssertEqual(conclusionLine.map(String.init), "Conclusion: proxy-connect-denied")
    let md = MarkdownReport.render(r)
    XCTAssertTrue(md.contains("## Conclusion\n\n**`proxy-connect-denied`**"), md)
  }

  func testJapaneseReportUsesJapaneseHeadings() {
    let text = TextReport.render(sampleReport(language: .ja))
    XCTAssertTrue(text.contains("結論"))
    XCTAssertTrue(text.contains("所見"))
  }

  func testJapaneseProseWrapsAtOneHundredColumnsNotCharacters() throws {
    var r = sampleReport(language: .ja)
    let why = String(repeating: "プロキシがレジストリへの接続を拒否しました。", count: 8)
    r.findings[0].why = why
    let text = TextReport.render(r)
    let lines = text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("     ") && $0.contains("プロキシが") }
    XCTAssertGreaterThan(lines.count, 3, "wrapped into several lines: \(lines)")
    for line in lines { XCTAssertLessThanOrEqual(displayWidth(of: line), 100, line) }
    XCTAssertEqual(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(), why, "nothing lost")
  }
}

/// The `pullers` section of the JSON report (CONTRACT.md).
final class PullersSectionTests: XCTestCase {
  func testADaemonWhosePathFailsIsListedWithItsProxy() throws {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    b.docker(httpsProxy: "http://old-proxy:8080", noProxy: "localhost")
    b.add(
      "puller.docker.login-server",
      .pullerPath(
        PullerPathFacts(
          puller: .docker, endpoint: FactsBuilder.login, proxyURL: "http://old-proxy:8080", source: "/info",
          trust: "system bundle", trustKind: "system",
          proxy: ProxyFacts(
            endpoint: FactsBuilder.login, proxyURL: "http://old-proxy:8080",
            decision: ProxyDecision(go: "http://old-proxy:8080", curl: nil, bypassedBy: nil), outcome: .unreachable,
            statusCode: nil, statusLine: nil, error: "refused", ms: 1))))
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(JSONReport.render(b.report).utf8)) as? [String: Any])
    let pullers = try XCTUnwrap(json["pullers"] as? [[String: Any]])
    XCTAssertEqual(pullers.count, 1)
    XCTAssertEqual(pullers[0]["kind"] as? String, "docker")
    XCTAssertEqual(pullers[0]["path"] as? String, "fails")
    XCTAssertEqual(pullers[0]["trust"] as? String, "system")
    let proxy = try XCTUnwrap(pullers[0]["proxy"] as? [String: Any])
    XCTAssertEqual(proxy["https"] as? String, "http://old-proxy:8080")
    XCTAssertEqual(proxy["noProxy"] as? String, "localhost")
  }

  func testNoDaemonNoPullers() throws {
    var b = FactsBuilder()
    b.healthyLogin()
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(JSONReport.render(b.report).utf8)) as? [String: Any])
    XCTAssertEqual((json["pullers"] as? [Any])?.count, 0)
  }
}
