import Foundation
import XCTest

@testable import DoctorProbes

/// Caches between a client and its nameservers, found from files under test roots (REGDOCTOR_ETC, REGDOCTOR_RUN).
final class ResolverCachesTests: XCTestCase {
  var root: URL!
  var etc: String { root.appendingPathComponent("etc").path }
  var run: String { root.appendingPathComponent("run").path }

  override func setUpWithError() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("rd-caches-\(UUID().uuidString)")
    for dir in ["etc", "run/systemd/resolve", "run/nscd"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

  func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

  /// A listening unix socket where nscd keeps its own.
  func bindSocket(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    XCTAssertEqual(bound, 0, String(cString: strerror(errno)))
    return fd
  }

  func testTheResolvedStubAndNscdsHostsCacheAreNamedWithTheirFlushCommands() throws {
    try write("# managed by systemd-resolved\nnameserver 127.0.0.53\noptions edns0\n", etc + "/resolv.conf")
    try write(
      "\tenable-cache\t\thosts\t\tyes\n\tpositive-time-to-live\thosts\t3600\n\tnegative-time-to-live\thosts\t20 # s\n",
      etc + "/nscd.conf")
    let fd = try bindSocket(run + "/nscd/socket")
    defer { close(fd) }
    let reasons = ResolverCaches.stillHeldBy(etc: etc, run: run)
    XCTAssertEqual(reasons.count, 2, "\(reasons)")
    XCTAssertTrue(reasons[0].contains("systemd-resolved caches answers at 127.0.0.53"), reasons[0])
    XCTAssertTrue(reasons[0].hasSuffix("flush with resolvectl flush-caches"), reasons[0])
    XCTAssertTrue(reasons[1].contains("found names up to 3600 s, missing names up to 20 s"), reasons[1])
    XCTAssertTrue(reasons[1].hasSuffix("flush with nscd -i hosts"), reasons[1])
  }

  func testNoCacheWhenResolvConfNamesARealNameserverAndNscdIsNotRunningOrCachesNoHosts() throws {
    try write("nameserver 10.0.0.2\n", etc + "/resolv.conf")
    try write("positive-time-to-live hosts 3600\n", etc + "/nscd.conf")
    XCTAssertEqual(ResolverCaches.stillHeldBy(etc: etc, run: run), [], "no socket: nscd does not run")
    try write("enable-cache hosts no\n", etc + "/nscd.conf")
    let fd = try bindSocket(run + "/nscd/socket")
    defer { close(fd) }
    XCTAssertEqual(ResolverCaches.stillHeldBy(etc: etc, run: run), [], "the hosts cache is off")
  }

  /// A FIFO for nscd.conf with no writer must not block the look.
  func testAFIFOInPlaceOfAFileDoesNotHang() throws {
    XCTAssertEqual(mkfifo(etc + "/nscd.conf", 0o600), 0)
    XCTAssertEqual(mkfifo(etc + "/resolv.conf", 0o600), 0)
    let fd = try bindSocket(run + "/nscd/socket")
    defer { close(fd) }
    let reasons = ResolverCaches.stillHeldBy(etc: etc, run: run)
    XCTAssertEqual(reasons.count, 1, "nscd runs with its defaults: \(reasons)")
    XCTAssertTrue(reasons[0].contains("(found names, "), reasons[0])
  }
}
