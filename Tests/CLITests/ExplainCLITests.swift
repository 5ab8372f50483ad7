import Foundation
import XCTest

/// `regdoctor explain` through the built binary: no probe, no network, exit 0/1/2, stdin bounded, nothing unsafe
/// echoed.
final class ExplainCLITests: XCTestCase {
  typealias Run = CLIRun

  /// Runs the binary with `stdin` as standard input, no proxy and no resolver the test did not choose.
  func regdoctor(_ args: [String], stdin: Data = Data()) throws -> Run {
    let binary = try builtRegdoctor()
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    // explain never probes: an unreachable proxy and DOCKER_HOST make any attempt fail loudly rather than leak.
    p.environment = [
      "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HTTPS_PROXY": "http://127.0.0.1:9",
      "DOCKER_HOST": "unix:///nonexistent.sock",
    ]
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    // explain stops reading at 64 KiB and exits: writing the rest must fail with EPIPE, not kill the test run.
    signal(SIGPIPE, SIG_IGN)
    try p.run()
    let writer = Thread {
      try? input.fileHandleForWriting.write(contentsOf: stdin)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    return p.finish(stdout: out, stderr: err)
  }

  func testExplainsAProxyErrorWithFactsFindingsAndNextSteps() throws {
    let r = try regdoctor([
      "explain",
      #"Error response from daemon: Get "https://contoso.azurecr.io/v2/": proxyconnect tcp: dial tcp 10.0.0.3:3128: connect: connection refused"#,
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("S5"), r.stdout)
    XCTAssertFalse(r.stdout.contains("S2 "), "the refusal is the proxy's, not the registry's: \(r.stdout)")
    XCTAssertTrue(r.stdout.contains("proxy     10.0.0.3:3128"), r.stdout)
    XCTAssertTrue(r.stdout.contains("proxy-unreachable"), r.stdout)
    XCTAssertTrue(r.stdout.contains("$ regdoctor diagnose contoso --error '"), r.stdout)
    XCTAssertTrue(r.stdout.contains("curl -sv --max-time 10 -x http://10.0.0.3:3128 https://contoso.azurecr.io/v2/"))
  }

  func testStdinJSONAndJapanese() throws {
    let text =
      "Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io "
      + "on [::1]:53: read udp [::1]:60341->[::1]:53: read: connection refused\n"
    let r = try regdoctor(["explain", "-", "--format", "json"], stdin: Data(text.utf8))
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let facts = try XCTUnwrap(json["errorFacts"] as? [String: Any])
    XCTAssertEqual(facts["symptoms"] as? [String], ["S1"])
    XCTAssertEqual(facts["resolver"] as? String, "[::1]:53")
    XCTAssertEqual((json["findings"] as? [[String: Any]])?.first?["id"] as? String, "dns-server-unreachable")

    let ja = try regdoctor(["explain", "-", "--lang", "ja", "--format", "markdown"], stdin: Data(text.utf8))
    XCTAssertEqual(ja.status, 0)
    XCTAssertTrue(ja.stdout.contains("## エラーから読み取った事実"), ja.stdout)
  }

  func testNothingUnderstoodIsOneAndEmptyInputIsTwo() throws {
    let nothing = try regdoctor(["explain", "everything is fine"])
    XCTAssertEqual(nothing.status, 1)
    XCTAssertTrue(nothing.stdout.contains("Nothing in this text matches"), nothing.stdout)

    let empty = try regdoctor(["explain", "-"], stdin: Data(" \n\t\n".utf8))
    XCTAssertEqual(empty.status, 2)
    XCTAssertTrue(empty.stderr.contains("standard input was empty"), empty.stderr)
    XCTAssertEqual(try regdoctor(["explain", ""]).status, 2)
  }

  func testHugeHostileInputIsBoundedRedactedAndStripped() throws {
    var text = "\u{1B}[2J\u{07}Get \"https://puller:hunter2-secret@contoso.azurecr.io/v2/\": Forbidden\n"
    text += String(repeating: "A", count: 300 * 1024)
    let r = try regdoctor(["explain", "-"], stdin: Data(text.utf8))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("only the first 64 KiB"), r.stderr)
    XCTAssertTrue(r.stdout.contains("proxy-connect-denied"), r.stdout)
    XCTAssertFalse(r.stdout.contains("hunter2-secret"))
    XCTAssertFalse(r.stdout.contains("\u{1B}"), "no control character is echoed")
    XCTAssertFalse(r.stdout.contains("\u{07}"))
  }
}
