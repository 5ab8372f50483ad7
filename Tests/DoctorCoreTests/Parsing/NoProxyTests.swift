import XCTest

@testable import DoctorCore

final class NoProxyTests: XCTestCase {
  private let acr = Endpoint(host: "contoso.azurecr.io", role: .loginServer)

  private func endpoint(_ host: String, _ port: Int = 443) -> Endpoint {
    Endpoint(host: host, port: port, role: .auxiliary)
  }

  /// (NO_PROXY, host, port) -> the entry Go reports as matching (nil: the proxy is used).
  private let goRows: [(String, String, Int, String?)] = [
    ("", "contoso.azurecr.io", 443, nil),
    ("*", "contoso.azurecr.io", 443, "*"),
    ("foo.example, *", "contoso.azurecr.io", 443, "*"),
    ("azurecr.io", "contoso.azurecr.io", 443, "azurecr.io"),
    (".azurecr.io", "contoso.azurecr.io", 443, ".azurecr.io"),
    ("*.azurecr.io", "contoso.azurecr.io", 443, "*.azurecr.io"),
    ("contoso.azurecr.io", "contoso.azurecr.io", 443, "contoso.azurecr.io"),
    // Go: a leading dot does not match the name itself.
    (".contoso.azurecr.io", "contoso.azurecr.io", 443, nil),
    ("CONTOSO.AzureCR.io", "contoso.azurecr.io", 443, "contoso.azurecr.io"),
    ("notcontoso.azurecr.io", "contoso.azurecr.io", 443, nil),
    // `.cr.io` is not a label suffix of `contoso.azurecr.io`.
    ("cr.io", "contoso.azurecr.io", 443, nil),
    ("contoso.azurecr.io:443", "contoso.azurecr.io", 443, "contoso.azurecr.io:443"),
    ("contoso.azurecr.io:5000", "contoso.azurecr.io", 443, nil),
    ("azurecr.io:", "contoso.azurecr.io", 443, "azurecr.io:"),
    (" , ,azurecr.io ", "contoso.azurecr.io", 443, "azurecr.io"),
    (":443", "contoso.azurecr.io", 443, nil),
    ("10.0.0.0/8", "10.1.2.3", 443, "10.0.0.0/8"),
    ("10.0.0.0/8", "11.1.2.3", 443, nil),
    ("10.0.0.0/8", "contoso.azurecr.io", 443, nil),  // CIDRs match IP literals only, never names.
    ("203.0.113.7", "203.0.113.7", 443, "203.0.113.7"),
    ("203.0.113.7:5000", "203.0.113.7", 443, nil),
    ("2001:db8::/32", "2001:db8::1", 443, "2001:db8::/32"),
    ("[2001:db8::1]:443", "2001:db8::1", 443, "[2001:db8::1]:443"),
    ("localhost", "contoso.azurecr.io", 443, nil),
    ("https://contoso.azurecr.io", "contoso.azurecr.io", 443, nil),  // A URL entry matches nothing.
    ("contoso.azurecr.io\u{0}", "contoso.azurecr.io", 443, nil),
    ("ｃｏｎｔｏｓｏ.azurecr.io", "contoso.azurecr.io", 443, nil),
  ]

  func testGoRules() {
    for (noProxy, host, port, expected) in goRows {
      let env = ProxyEnvironment(environment: [
        "HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": noProxy,
      ])
      XCTAssertEqual(
        env.bypassEntry(for: endpoint(host, port), rules: .go), expected, "\(noProxy) / \(host)")
      XCTAssertEqual(
        env.proxyURL(for: endpoint(host, port), rules: .go)?.redacted,
        expected == nil ? "http://proxy:3128" : nil,
        "\(noProxy) / \(host)")
    }
  }

  func testGoNeverProxiesLoopback() {
    for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"] {
      let env = ProxyEnvironment(environment: [
        "HTTPS_PROXY": "http://proxy:3128", "https_proxy": "http://proxy:3128",
      ])
      let decision = env.decision(for: endpoint(host, 5000))
      // Go's built-in rule is not a NO_PROXY entry, so nothing is named; curl has no such rule.
      XCTAssertEqual(
        decision, ProxyDecision(go: nil, curl: "http://proxy:3128", bypassedBy: nil), host)
    }
  }

  /// (no_proxy, host) -> the entry curl reports as matching.
  private let curlRows: [(String, String, String?)] = [
    ("", "contoso.azurecr.io", nil),
    ("*", "contoso.azurecr.io", "*"),
    ("foo.example,*", "contoso.azurecr.io", nil),  // curl: `*` only counts alone.
    ("azurecr.io", "contoso.azurecr.io", "azurecr.io"),
    (".azurecr.io", "contoso.azurecr.io", ".azurecr.io"),
    // curl drops the leading dot.
    (".contoso.azurecr.io", "contoso.azurecr.io", ".contoso.azurecr.io"),
    ("contoso.azurecr.io.", "contoso.azurecr.io", "contoso.azurecr.io."),
    ("*.azurecr.io", "contoso.azurecr.io", nil),  // curl has no `*.` wildcard.
    ("CONTOSO.AZURECR.IO", "contoso.azurecr.io", "CONTOSO.AZURECR.IO"),
    ("notcontoso.azurecr.io", "contoso.azurecr.io", nil),
    ("contoso.azurecr.io:443", "contoso.azurecr.io", nil),  // curl has no port entries.
    ("foo.example azurecr.io", "contoso.azurecr.io", nil),  // curl stops at a blank-separated word.
    ("foo.example, \tazurecr.io", "contoso.azurecr.io", "azurecr.io"),
    (",,,azurecr.io,,", "contoso.azurecr.io", "azurecr.io"),
    ("10.0.0.0/8", "10.1.2.3", "10.0.0.0/8"),
    ("10.0.0.0/33", "10.1.2.3", nil),
    ("10.1.2.3/0", "10.1.2.3", "10.1.2.3/0"),  // curl: /0 means the whole address.
    ("10.1.2.0/0", "10.1.2.3", nil),
    ("2001:db8::/32", "2001:db8::1", "2001:db8::/32"),
    ("localhost", "127.0.0.1", nil),
    ("", "localhost", nil),  // curl has no built-in loopback rule.
  ]

  func testCurlRules() {
    for (noProxy, host, expected) in curlRows {
      let env = ProxyEnvironment(environment: [
        "https_proxy": "http://proxy:3128", "no_proxy": noProxy,
      ])
      XCTAssertEqual(
        env.bypassEntry(for: endpoint(host), rules: .curl), expected, "\(noProxy) / \(host)")
    }
  }

  /// environment -> (go, curl, bypassedBy) for contoso.azurecr.io
  private let variableRows: [([String: String], String?, String?, String?)] = [
    ([:], nil, nil, nil),
    (["HTTPS_PROXY": "http://up:3128"], "http://up:3128", "http://up:3128", nil),
    (["https_proxy": "http://low:3128"], "http://low:3128", "http://low:3128", nil),
    (
      ["HTTPS_PROXY": "http://up:3128", "https_proxy": "http://low:3128"], "http://up:3128",
      "http://low:3128", nil
    ),
    (["HTTP_PROXY": "http://plain:3128"], nil, nil, nil),  // Neither uses HTTP_PROXY for https.
    (["ALL_PROXY": "http://all:3128"], nil, "http://all:3128", nil),
    (
      ["all_proxy": "socks5://all:1080", "ALL_PROXY": "http://ALL:3128"], nil, "socks5://all:1080",
      nil
    ),
    (
      ["HTTPS_PROXY": "http://u:secret@up:3128"], "http://u:***@up:3128", "http://u:***@up:3128",
      nil
    ),
    (["HTTPS_PROXY": "http://up:99999"], nil, nil, nil),  // Unparseable: Go goes direct.
    (["HTTPS_PROXY": "http://up:3128", "NO_PROXY": ".azurecr.io"], nil, nil, ".azurecr.io"),
    (
      ["HTTPS_PROXY": "http://up:3128", "NO_PROXY": "azurecr.io", "no_proxy": "other.example"],
      nil, "http://up:3128", "azurecr.io"
    ),
    (
      [
        "HTTPS_PROXY": "http://up:3128", "NO_PROXY": "other.example",
        "no_proxy": "contoso.azurecr.io",
      ],
      "http://up:3128", nil, "contoso.azurecr.io"
    ),
    (
      ["HTTPS_PROXY": "http://up:3128", "NO_PROXY": "*.azurecr.io"], nil, "http://up:3128",
      "*.azurecr.io"
    ),
    (["NO_PROXY": "*"], nil, nil, nil),  // No proxy set: nothing was bypassed.
  ]

  func testVariableChoiceAndDecision() {
    for (variables, go, curl, bypassedBy) in variableRows {
      let decision = ProxyEnvironment(environment: variables).decision(for: acr)
      XCTAssertEqual(
        decision, ProxyDecision(go: go, curl: curl, bypassedBy: bypassedBy),
        "\(variables.keys.sorted())")
      XCTAssertFalse("\(decision)".contains("secret"))
    }
  }

  func testHugeNoProxyIsBounded() {
    let noProxy = (0..<100_000).map { "h\($0).example" }.joined(separator: ",") + ",azurecr.io"
    let env = ProxyEnvironment(environment: [
      "HTTPS_PROXY": "http://p:1", "NO_PROXY": noProxy, "no_proxy": noProxy,
    ])
    // Go reads at most 1000 entries and curl walks at most 1000 tokens: the last entry is beyond both.
    XCTAssertEqual(env.decision(for: acr).go, "http://p:1")
    XCTAssertEqual(env.decision(for: acr).curl, "http://p:1")
  }

  func testCIDRHelpers() {
    XCTAssertNotNil(parseCIDR("10.0.0.0/8"))
    XCTAssertNotNil(parseCIDR("::/0"))
    XCTAssertNil(parseCIDR("10.0.0.0/33"))
    XCTAssertNil(parseCIDR("10.0.0.0/"))
    XCTAssertNil(parseCIDR("10.0.0.0/-1"))
    XCTAssertNil(parseCIDR("example.com/8"))
    XCTAssertTrue(cidrContains(network: [10, 0, 0, 0], bits: 0, ip: [1, 2, 3, 4]))
    XCTAssertTrue(cidrContains(network: [192, 168, 1, 0], bits: 23, ip: [192, 168, 0, 9]))
    XCTAssertFalse(cidrContains(network: [192, 168, 1, 0], bits: 24, ip: [192, 168, 0, 9]))
    XCTAssertEqual(parseIPBytes("::ffff:10.1.2.3"), [10, 1, 2, 3])
  }
}
