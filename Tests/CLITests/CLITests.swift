import Dispatch
import Foundation
import XCTest

/// The command line as scripts meet it: exit codes, messages, the report file's mode, the fallback without a terminal.
/// Every run uses an /etc of the test's own and IP-literal registries, so no real nameserver is ever asked.
final class CLITests: XCTestCase {
  var etc = ""

  override func setUpWithError() throws {
    etc = NSTemporaryDirectory() + "regdoctor-cli-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
    try "nameserver 127.0.0.1\n".write(toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
    try "127.0.0.1 localhost\n".write(toFile: etc + "/hosts", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: etc) }

  typealias Run = CLIRun

  /// Runs the built binary with stdin from /dev/null (not a terminal) and a minimal environment.
  /// `offline`: in a network namespace of its own (`unshare -n`, root only), where only a dead loopback exists, so
  /// an ACR name can be diagnosed without asking any real DNS server.
  func regdoctor(_ args: [String], env extra: [String: String] = [:], offline: Bool = false) throws -> Run {
    let binary = try builtRegdoctor()
    let p = Process()
    p.executableURL = offline ? URL(fileURLWithPath: "/usr/bin/unshare") : binary
    p.arguments = offline ? ["-n", binary.path] + args : args
    p.environment = [
      "PATH": "/usr/bin:/bin", "REGDOCTOR_ETC": etc, "DOCKER_HOST": "unix://\(etc)/none.sock", "LANG": "C.UTF-8",
    ]
    .merging(extra) { $1 }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try p.run()
    // A hang is a failure, not a stuck suite: the status then shows SIGTERM (15).
    let watchdog = DispatchWorkItem { [p] in if p.isRunning { p.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
    defer { watchdog.cancel() }
    return p.finish(stdout: out, stderr: err)
  }

  /// A loopback port nothing listens on.
  func closedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  func testInvalidRegistriesExitTwoWithAMessage() throws {
    for bad in ["ab", "contoso.azurecr.io/foo", "reg;rm -rf /", "host:99999", "", "a b"] {
      let r = try regdoctor(["diagnose", bad, "--no-az"])
      XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
      XCTAssertFalse(r.stderr.isEmpty, bad)
      XCTAssertTrue(r.stdout.isEmpty, bad)
    }
  }

  func testBadOptionsExitTwo() throws {
    for args in [
      ["--timeout", "abc"], ["--timeout", "0"], ["--symptom", "S99"], ["--format", "yaml"], ["--lang", "fr"],
    ] {
      let r = try regdoctor(["diagnose", "127.0.0.1:5000", "--no-az"] + args)
      XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
    }
  }

  /// `--timeout -1` said "Missing value"; `0x2` was taken as 2 s (issue 11).
  func testTimeoutValuesAreReadAsDecimalSeconds() throws {
    let negative = try regdoctor(["diagnose", "127.0.0.1:5000", "--no-az", "--timeout", "-1"])
    XCTAssertEqual(negative.status, 2)
    XCTAssertTrue(
      negative.stderr.contains("--timeout must be a number of seconds between 0 and 300, not -1"), negative.stderr)
    for bad in ["0x2", "1e1", "inf", "nan", "+2"] {
      let r = try regdoctor(["diagnose", "127.0.0.1:5000", "--no-az", "--timeout", bad])
      XCTAssertEqual(r.status, 2, bad)
      XCTAssertTrue(r.stderr.contains("'\(bad)' is invalid for '--timeout"), "\(bad): \(r.stderr)")
    }
  }

  /// The message named '/' as a path; the character to name is the shell's '$' (issue 11).
  func testAShellCommandAsRegistryNamesTheForbiddenCharacter() throws {
    let r = try regdoctor(["diagnose", "$(touch /tmp/x)", "--no-az"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("contains the character '$'"), r.stderr)
    XCTAssertFalse(r.stderr.contains("has a path"), r.stderr)
  }

  func testHelpReadsWellAndExitsZero() throws {
    let r = try regdoctor(["diagnose", "--help"])
    XCTAssertEqual(r.status, 0)
    for option in [
      "--symptom", "--error", "--region", "--data-endpoint", "--timeout", "--format", "--output", "--lang", "--no-az",
    ] {
      XCTAssertTrue(r.stdout.contains(option), option)
    }
  }

  func testAProblemExitsOneAndTheReportFileIsPrivateJSON() throws {
    let port = try closedPort()
    let path = etc + "/report.json"
    let r = try regdoctor([
      "diagnose", "127.0.0.1:\(port)", "--no-az", "--timeout", "2", "--format", "json", "--output", path,
    ])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stdout.isEmpty)
    let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    XCTAssertEqual(mode & 0o777, 0o600)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    let conclusion = try XCTUnwrap(json["conclusion"] as? [String: Any])
    XCTAssertEqual(conclusion["finding"] as? String, "tcp-connect-refused")
    // The registry's own port, not 443 (issue 11).
    let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
    let why = try XCTUnwrap(findings.first { $0["id"] as? String == "tcp-connect-refused" }?["why"] as? String)
    XCTAssertTrue(why.contains("port \(port) with a reset"), why)
    // Not "443" as a substring: a random closed port may contain it (44319).
    XCTAssertFalse(why.contains("port 443 "), why)
  }

  func testWithoutATerminalTheWizardPrintsTheTextReport() throws {
    let r = try regdoctor(["127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "2"])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stdout.contains("Conclusion: tcp-connect-refused"), r.stdout)
    XCTAssertFalse(r.stdout.contains("\u{1B}["), "no colour codes when stdout is not a terminal")
  }

  func testErrorTextSelectsSymptomsAndJapaneseWorks() throws {
    let r = try regdoctor([
      "diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "2", "--format", "json", "--lang", "ja",
      "--error", "Get https://x/v2/: proxyconnect tcp: EOF",
    ])
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(json["symptoms"] as? [String], ["S5"])
    let errorFacts = try XCTUnwrap(json["errorFacts"] as? [String: Any], "--error adds errorFacts")
    XCTAssertEqual(errorFacts["findings"] as? [String], ["proxy-connection-closed"])
    XCTAssertEqual(errorFacts["host"] as? String, "x")
    let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
    let title = try XCTUnwrap(findings.first?["title"] as? String)
    XCTAssertTrue(
      title.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) },
      title)
  }

  func testTheBlobHostOfThePastedErrorIsProbedToo() throws {
    let r = try regdoctor([
      "diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "2", "--format", "json", "--error",
      "error pulling image configuration: Get https://localhost/registry/v2/blobs/sha256/ab/data: dial tcp 127.0.0.1:443: i/o timeout",
    ])
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
    let registry = try XCTUnwrap(json["registry"] as? [String: Any])
    XCTAssertEqual(registry["dataEndpoints"] as? [String], ["localhost"])
    let probes = try XCTUnwrap(json["probes"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    XCTAssertTrue(probes.contains("dns.data-endpoint.localhost"), "\(probes)")
    XCTAssertEqual((json["errorFacts"] as? [String: Any])?["blobHost"] as? String, "localhost")
  }

  func testUnwritableOutputIsAToolFailure() throws {
    let r = try regdoctor([
      "diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1", "--output", etc + "/no/such/dir/r.txt",
    ])
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertTrue(r.stderr.contains("cannot write"), r.stderr)
  }

  /// A FIFO with no reader blocked the write after the diagnosis, forever (issue 11).
  func testOutputToAFIFOIsRefusedUpFront() throws {
    let fifo = etc + "/report.fifo"
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let r = try regdoctor(["diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1", "--output", fifo])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("is a FIFO: give the path of a regular file"), r.stderr)
  }

  func testProxyPasswordNeverPrinted() throws {
    let r = try regdoctor(
      ["diagnose", "127.0.0.1:\(try closedPort())", "--no-az", "--timeout", "1", "--format", "json"],
      env: ["HTTPS_PROXY": "http://puller:hunter2-secret@127.0.0.1:\(try closedPort())", "NO_PROXY": ""])
    XCTAssertFalse(r.stdout.contains("hunter2-secret"))
    XCTAssertFalse(r.stderr.contains("hunter2-secret"))
  }

  // MARK: The Azure CLI's child processes (issue 11)

  static let fakeAz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("DoctorProbesTests/Azure/Fixtures/fake-az").path

  func requireRoot() throws {
    guard getuid() == 0 else { throw XCTSkip("needs root: runs in a network namespace of its own (unshare -n)") }
  }

  /// About one diagnosis in 20 the Azure probe was written off at the deadline although all five az calls had
  /// ended: Foundation's Process lost their exits. Forty diagnoses in a row, each must have the probe's own answer.
  func testTheAzureProbeIsNeverWrittenOffWhenEveryAzEnded() throws {
    try requireRoot()
    let env = ["PATH": "\(Self.fakeAz):/usr/bin:/bin", "FAKE_AZ_SCENARIO": "public", "HOME": etc]
    for round in 0..<40 {
      let r = try regdoctor(
        ["diagnose", "contoso", "--timeout", "3", "--format", "json"], env: env, offline: true)
      let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
      let probes = try XCTUnwrap(json["probes"] as? [[String: Any]])
      let azure = try XCTUnwrap(probes.first { $0["id"] as? String == "azure.registry" })
      XCTAssertEqual(azure["status"] as? String, "pass", "round \(round): \(azure["summary"] ?? "")")
      if azure["status"] as? String != "pass" { break }
    }
  }

  /// An az that hangs and has forked a grandchild: when regdoctor has exited, neither runs any more.
  func testNoAzProcessOutlivesADiagnosis() throws {
    try requireRoot()
    let bin = etc + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    let pids = etc + "/az-pids"
    try "#!/bin/bash\necho $$ >> \"\(pids)\"\nsleep 300 &\necho $! >> \"\(pids)\"\nwait\n"
      .write(toFile: bin + "/az", atomically: true, encoding: .utf8)
    chmod(bin + "/az", 0o755)
    _ = try regdoctor(
      ["diagnose", "contoso", "--timeout", "1", "--format", "json"],
      env: ["PATH": "\(bin):/usr/bin:/bin", "HOME": etc],
      offline: true)
    let started = try String(contentsOfFile: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
    XCTAssertEqual(started.count, 10, "five az calls, each with a grandchild")
    for pid in started {
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      let state = stat.lastIndex(of: ")").map { stat[stat.index($0, offsetBy: 2)...].prefix(1) } ?? "gone"
      XCTAssertTrue(state == "gone" || state == "Z", "pid \(pid) still runs (\(state))")
      if state != "gone" && state != "Z" { kill(pid, SIGKILL) }
    }
  }
}
