import XCTest

@testable import DoctorCore

/// ErrorFacts on made-up text the corpus lacks: credentials in URLs, hostile bytes, Japanese renderings.
final class ErrorFactsTests: XCTestCase {
  func testCredentialsInAURLAreNeitherTheHostNorShown() {
    let e = ErrorMatcher.explain(#"Get "https://puller:hunter2@contoso.azurecr.io/v2/": Forbidden"#)
    XCTAssertEqual(e.facts.host, "contoso.azurecr.io")
    XCTAssertEqual(e.facts.status, 403)
    XCTAssertFalse(e.facts.pairs.contains { $0.value.contains("hunter2") })
    XCTAssertFalse(
      ExplainReport.text(e, input: "Get https://puller:hunter2@contoso.azurecr.io/v2/: Forbidden", language: .en)
        .contains("hunter2"))
  }

  func testControlCharactersNeverReachTheEcho() {
    let safe = ErrorText.displaySafe("a\u{1B}[31mb\u{0}c\u{202E}d\r\ne")
    XCTAssertFalse(safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{202E}" })
    XCTAssertEqual(safe, "a [31mb c d e")
  }

  func testProxyNameThatDoesNotResolveIsTheProxy() {
    let f = ErrorFacts.read("proxyconnect tcp: dial tcp: lookup proxy.corp.example on 10.0.0.2:53: no such host")
    XCTAssertEqual(f.proxy, "proxy.corp.example")
    XCTAssertEqual(f.resolver, "10.0.0.2:53")
  }

  func testSchemeMismatchThroughTheProxy() {
    let e = ErrorMatcher.explain(
      #"Get "https://contoso.azurecr.io/v2/": proxyconnect tcp: tls: first record does not look like a TLS handshake"#)
    XCTAssertEqual(e.symptoms, [.s5])
    XCTAssertEqual(e.findingIDs.first, "proxy-scheme-mismatch")
  }

  /// Known Japanese renderings of Windows and glibc messages (not lines from the field, so not in the corpus).
  func testJapaneseRenderings() {
    let cases: [(String, [SymptomID])] = [
      ("そのようなホストは不明です。", [.s1]),
      ("接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。", [.s2]),
      ("対象のコンピューターによって拒否されたため、接続できませんでした。", [.s2]),
      ("既存の接続はリモート ホストに強制的に切断されました。", [.s2]),
      ("407 プロキシ認証が必要です", [.s5]),
    ]
    for (text, expected) in cases {
      let e = ErrorMatcher.explain(text)
      XCTAssertEqual(e.symptoms, expected, text)
    }
    XCTAssertTrue(ErrorMatcher.explain("そのようなホストは不明です。").onlyRenderings)
    XCTAssertFalse(ErrorMatcher.explain("no such host").onlyRenderings)
  }

  func testTheRegistryOfAnImageReference() {
    XCTAssertEqual(
      ErrorFacts.read("The image 'contoso.azurecr.io/app:1' in container group 'g' is not accessible.").host,
      "contoso.azurecr.io")
    XCTAssertNil(ErrorFacts.read("The image 'mwader/postfix-relay' in container group 'g' is not accessible.").host)
  }

  func testNothingIsReadFromNothing() {
    XCTAssertTrue(ErrorFacts.read("").isEmpty)
    XCTAssertFalse(ErrorMatcher.explain("everything is fine").understood)
    // `EOF` and `context deadline exceeded` after a URL are not a proxy's reason phrase.
    XCTAssertNil(ReasonPhrase.afterURL(in: #"Get "https://x/v2/": EOF"#))
    XCTAssertNil(ReasonPhrase.afterURL(in: #"Get "https://x/v2/": context deadline exceeded"#))
  }
}
