import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// Files named by the environment that would block or flood a plain read: FIFOs and huge files (issue 11).
/// Each read runs on a thread of its own; a read that never returns fails the test instead of hanging the suite.
final class HostileFilesTests: XCTestCase {
  var directory = ""

  override func setUpWithError() throws {
    directory = try temporaryDirectory("files")
  }

  func fifo(_ name: String) throws -> String {
    let path = directory + "/" + name
    XCTAssertEqual(mkfifo(path, 0o600), 0, String(cString: strerror(errno)))
    return path
  }

  /// A sparse file of `megabytes` MiB whose first line is `firstLine`: big on paper, cheap on disk.
  func hugeFile(_ name: String, firstLine: String, megabytes: Int) throws -> String {
    let path = directory + "/" + name
    try (firstLine + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    XCTAssertEqual(truncate(path, off_t(megabytes) << 20), 0)
    return path
  }

  /// Runs `work` on a thread; fails when it has not returned within 20 s (a blocked open or read).
  func returns<T: Sendable>(_ what: String, _ work: @escaping @Sendable () -> T) -> T? {
    let box = ResultBox<T>()
    Thread {
      box.value = work()
      box.done.signal()
    }.start()
    guard box.done.wait(timeout: .now() + 20) == .success else {
      XCTFail("\(what) blocked")
      return nil
    }
    return box.value
  }

  func testBoundedFileRefusesAFIFOAndStopsAtItsLimit() throws {
    let pipe = try fifo("pipe")
    XCTAssertEqual(returns("read of a FIFO") { BoundedFile.read(pipe, limit: 1024) }, .failure(.notRegularFile))
    let huge = try hugeFile("huge", firstLine: "x", megabytes: 100)
    XCTAssertEqual(BoundedFile.read(huge, limit: 1 << 20), .failure(.tooLarge(limit: 1 << 20)))
    guard case .success(let prefix) = BoundedFile.readPrefix(huge, limit: 4096) else { return XCTFail() }
    XCTAssertEqual(prefix.count, 4096)
    XCTAssertEqual(BoundedFile.read(directory + "/none", limit: 10), .failure(.missing))
  }

  /// SSL_CERT_FILE naming a FIFO hung `diagnose` forever, on the main thread, before any deadline existed.
  func testTrustStoreFromAFIFOIsEmptyInsteadOfHanging() throws {
    let pipe = try fifo("ca.pem")
    let directory = self.directory
    let store = returns("trust store from a FIFO") {
      TrustStore.fromEnvironment(["SSL_CERT_FILE": pipe, "SSL_CERT_DIR": directory])
    }
    XCTAssertEqual(store?.roots.count, 0)
  }

  /// resolv.conf as a FIFO, or 100 MB of it, through REGDOCTOR_ETC.
  func testResolvConfIsReadBoundedAndWithoutBlocking() throws {
    let etc = directory + "/etc"
    try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(etc + "/resolv.conf", 0o600), 0)
    let env = ["REGDOCTOR_ETC": etc, "SSL_CERT_FILE": directory + "/none.pem"]
    let request = DiagnosisRequest(
      registry: try RegistryTarget.parse("127.0.0.1:5000"), symptoms: [], timeout: 1, useAzureCLI: false,
      language: .en, environment: env)
    let plan = returns("ProbePlan with a FIFO resolv.conf") { ProbePlan(request: request) }
    XCTAssertEqual(plan?.nameservers, ["127.0.0.1"], "nothing read: glibc's default")
    let text: String?? = returns("DNSConfigFile on a FIFO") { DNSConfigFile.read(etc + "/resolv.conf") }
    XCTAssertEqual(text, .some(nil))

    try FileManager.default.removeItem(atPath: etc + "/resolv.conf")
    _ = try hugeFile("etc/resolv.conf", firstLine: "nameserver 192.0.2.53", megabytes: 100)
    XCTAssertEqual(ProbePlan(request: request).nameservers, ["192.0.2.53"])
  }

  func testDockerDropInAndDaemonJSONAsFIFOsAreParseErrors() throws {
    let dropIns = directory + "/docker.service.d"
    try FileManager.default.createDirectory(atPath: dropIns, withIntermediateDirectories: true)
    XCTAssertEqual(mkfifo(dropIns + "/http-proxy.conf", 0o600), 0)
    let daemonJSON = try fifo("daemon.json")
    let paths = DaemonConfigPaths(systemdDropInDirectory: dropIns, daemonJSON: daemonJSON)
    let sources = returns("daemon config sources as FIFOs") { DockerDaemonProbe.readSources(paths) }
    XCTAssertEqual(sources?.map(\.parseError), ["is not a regular file", "is not a regular file"])
  }
}

private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
  let done = DispatchSemaphore(value: 0)
}
