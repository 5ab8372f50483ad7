import XCTest

@testable import DoctorCore

final class DaemonProxyConfigTests: XCTestCase {
  private let jsonPath = "/etc/docker/daemon.json"
  private let dropInPath = "/etc/systemd/system/docker.service.d/http-proxy.conf"

  /// daemon.json text -> (http, https, no, parse error fragment)
  private let jsonRows: [(String, String?, String?, String?, String?)] = [
    ("", nil, nil, nil, nil),
    ("  \n", nil, nil, nil, nil),
    ("{}", nil, nil, nil, nil),
    (#"{"log-driver":"json-file"}"#, nil, nil, nil, nil),
    (
      #"{"proxies":{"http-proxy":"http://proxy:3128","https-proxy":"http://proxy:3128","no-proxy":"localhost,.corp"}}"#,
      "http://proxy:3128", "http://proxy:3128", "localhost,.corp", nil
    ),
    (
      "\u{FEFF}" + #"{"proxies":{"https-proxy":"http://u:hunter2@proxy:3128"}}"#, nil,
      "http://u:***@proxy:3128", nil, nil
    ),
    (#"{"proxies":{"https-proxy":"proxy:3128"}}"#, nil, "http://proxy:3128", nil, nil),
    (
      #"{"proxies":{"https-proxy":"http://u:hunter2@proxy:99999"}}"#, nil, "http://***@proxy:99999",
      nil, nil
    ),
    (#"{"proxies":{"https-proxy":"user:hunter2@bad host"}}"#, nil, "***@bad host", nil, nil),
    (#"{"proxies":{"https-proxy":""}}"#, nil, nil, nil, nil),
    (#"{"proxies":{"no-proxy":"https://u:hunter2@x"}}"#, nil, nil, "https://u:***@x", nil),
    (
      "{\n  \"proxies\": {\n    \"https-proxy\": \"http://p:3128\",\n  }\n}", nil, nil, nil,
      "line 4, column 3: trailing comma before '}'"
    ),
    (
      "{\n  \"proxies\": {\n    \"https-proxy\": \"http://p:3128\"\n  \n", nil, nil, nil,
      "line 5, column 1: unexpected end of file"
    ),
    ("{\"proxies\": {\"https-proxy\" \"x\"}}", nil, nil, nil, "line 1, column 28: ':' is expected"),
    ("{'proxies': {}}", nil, nil, nil, "a key in double quotes"),
    ("{\"a\": 1 \"b\": 2}", nil, nil, nil, "a comma may be missing"),
    ("// comment\n{}", nil, nil, nil, "comments are not allowed"),
    ("{} {}", nil, nil, nil, "after the end"),
    ("[1, 2]", nil, nil, nil, "top level must be an object"),
    ("{\"a\": \"line\nbreak\"}", nil, nil, nil, "control character"),
    ("{\"a\": tru}", nil, nil, nil, "did you mean 'true'"),
    ("{\"a\": 01}", nil, nil, nil, "a comma may be missing"),
    (String(repeating: "[", count: 100_000), nil, nil, nil, "nested more than 256"),
    (#"{"proxies":"http://p:3128"}"#, nil, nil, nil, "\"proxies\" must be an object"),
    (#"{"proxies":{"https-proxy":3128}}"#, nil, nil, nil, "must be a string"),
    (
      "{\"ü\": \"東京\", \"proxies\": {\"https-proxy\": \"http://p:1\"}}", nil, "http://p:1", nil, nil
    ),
  ]

  func testDaemonJSON() {
    for (text, http, https, no, errorFragment) in jsonRows {
      let source = DaemonProxyConfigParser.parseDaemonJSON(path: jsonPath, text: text)
      let label = String(text.prefix(60)).debugDescription
      XCTAssertEqual(source.path, jsonPath)
      XCTAssertEqual(source.httpProxy, http, label)
      XCTAssertEqual(source.httpsProxy, https, label)
      XCTAssertEqual(source.noProxy, no, label)
      if let errorFragment {
        XCTAssertTrue(
          source.parseError?.contains(errorFragment) ?? false,
          "\(label): \(source.parseError ?? "nil")")
        XCTAssertTrue(source.parseError?.hasPrefix(jsonPath) ?? false)
      } else {
        XCTAssertNil(source.parseError, label)
      }
      XCTAssertFalse("\(source)".contains("hunter2"), label)
    }
  }

  /// drop-in text -> (http, https, no, parse error fragment); nil row result means "not a drop-in"
  private let dropInRows: [(String, (String?, String?, String?, String?)?)] = [
    ("", nil),
    ("# nothing\n", nil),
    ("[Unit]\nDescription=x\n", nil),
    ("[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n", nil),
    (
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://p:3128\" \"NO_PROXY=localhost\"\n",
      (nil, "http://p:3128", "localhost", nil)
    ),
    (
      "[Service]\nEnvironment=HTTP_PROXY=http://p:3128\nEnvironment=\"HTTPS_PROXY=http://u:hunter2@p:3128\"\n",
      ("http://p:3128", "http://u:***@p:3128", nil, nil)
    ),
    (
      "[Service]\nEnvironment=https_proxy=http://lower:1 HTTPS_PROXY=http://upper:2\n",
      (nil, "http://upper:2", nil, nil)
    ),
    ("[Service]\nEnvironment=https_proxy=http://lower:1\n", (nil, "http://lower:1", nil, nil)),
    (
      "[Service]\nEnvironment=HTTPS_PROXY=http://first:1\nEnvironment=HTTPS_PROXY=http://second:2\n",
      (nil, "http://second:2", nil, nil)
    ),
    (
      "[Service]\nEnvironment=HTTPS_PROXY=http://p:1\nEnvironment=\nEnvironment=NO_PROXY=x\n",
      (nil, nil, "x", nil)
    ),
    (
      "[Service]\nEnvironment='NO_PROXY=a, b' HTTPS_PROXY=\"http://p:3128\"\n",
      (nil, "http://p:3128", "a, b", nil)
    ),
    ("[Service]\nEnvironment=\"NO_PROXY=a\\\"b\"\n", (nil, nil, "a\"b", nil)),
    (
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://u:a%%40b@p:1\"\n",
      (nil, "http://u:***@p:1", nil, nil)
    ),
    (
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://u:100%%@p:1\"\n",
      (nil, "http://***@p:1", nil, nil)
    ),
    (
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://p:3128\" \\\n  \"NO_PROXY=localhost\"\n",
      (nil, "http://p:3128", "localhost", nil)
    ),
    (
      "; comment\n[Service]\n# Environment=HTTPS_PROXY=http://commented:1\nEnvironment = HTTPS_PROXY=http://p:1\n",
      (nil, "http://p:1", nil, nil)
    ),
    (
      "[Unit]\nEnvironment=HTTPS_PROXY=http://wrong-section:1\n[Service]\nEnvironment=NO_PROXY=x\n",
      (nil, nil, "x", nil)
    ),
    (
      "[Service]\nEnvironment=\"HTTPS_PROXY=http://p:3128\n",
      (nil, nil, nil, "line 2: a quote is not closed")
    ),
    (
      "[Service]\nEnvironment=HTTPS_PROXY=http://p:1 =nothing JUSTWORD\n",
      (nil, "http://p:1", nil, nil)
    ),
    ("[Service]\nEnvironment=\"HTTPS_PROXY=$(reboot)\"\n", (nil, "$(reboot)", nil, nil)),
    ("[Service]\r\nEnvironment=\"HTTPS_PROXY=http://p:1\"\r\n", (nil, "http://p:1", nil, nil)),
    // Truncated after a line continuation.
    ("[Service]\nEnvironment=\"HTTPS_PROXY=http://p:1\" \\", (nil, "http://p:1", nil, nil)),
  ]

  func testSystemdDropIns() {
    for (text, expected) in dropInRows {
      let source = DaemonProxyConfigParser.parseSystemdDropIn(path: dropInPath, text: text)
      let label = text.debugDescription
      guard let expected else {
        XCTAssertNil(source, label)
        continue
      }
      guard let source else {
        XCTFail("nil for \(label)")
        continue
      }
      XCTAssertEqual(source.httpProxy, expected.0, label)
      XCTAssertEqual(source.httpsProxy, expected.1, label)
      XCTAssertEqual(source.noProxy, expected.2, label)
      if let fragment = expected.3 {
        XCTAssertTrue(
          source.parseError?.contains(fragment) ?? false, "\(label): \(source.parseError ?? "nil")")
      } else {
        XCTAssertNil(source.parseError, label)
      }
      XCTAssertFalse("\(source)".contains("hunter2"), label)
    }
  }

  func testHugeFilesAreRefused() {
    let huge =
      "[Service]\nEnvironment=HTTPS_PROXY=http://p:1\n"
      + String(repeating: "#", count: 2 * 1024 * 1024)
    XCTAssertNil(DaemonProxyConfigParser.parseSystemdDropIn(path: dropInPath, text: huge))
    let hugeJSON = "{\"a\":\"" + String(repeating: "x", count: 2 * 1024 * 1024) + "\"}"
    XCTAssertTrue(
      DaemonProxyConfigParser.parseDaemonJSON(path: jsonPath, text: hugeJSON).parseError?.contains(
        "1 MiB") ?? false)
  }

  /// `registry-mirrors`: read (redacted) whether or not `proxies` is there; a wrong type is what dockerd refuses.
  func testRegistryMirrorsAreRead() {
    let parse = { DaemonProxyConfigParser.parseDaemonJSON(path: self.jsonPath, text: $0) }
    XCTAssertNil(parse("{}").registryMirrors)
    XCTAssertEqual(parse(#"{"registry-mirrors":[]}"#).registryMirrors, [])
    let both = parse(
      #"{"registry-mirrors":["https://u:hunter2@mirror.corp","mirror2.corp:5000"],"proxies":{"https-proxy":"http://p:3128"}}"#
    )
    XCTAssertEqual(both.registryMirrors, ["https://u:***@mirror.corp", "mirror2.corp:5000"])
    XCTAssertEqual(both.httpsProxy, "http://p:3128")
    XCTAssertNil(both.parseError)
    XCTAssertTrue(parse(#"{"registry-mirrors":"https://mirror.corp"}"#).parseError?.contains("list of URLs") ?? false)
    XCTAssertTrue(parse(#"{"registry-mirrors":[1]}"#).parseError?.contains("list of URLs") ?? false)
  }
}
