import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

final class HostsFileCheckTests: XCTestCase {
  func testPinnedNamesAreFoundCaseInsensitivelyAndCommentsIgnored() throws {
    let path = try writeTemporaryFile(
      """
      # a comment naming contoso.azurecr.io
      127.0.0.1 localhost
      10.1.2.3  Contoso.AzureCR.io contoso.japaneast.data.azurecr.io # pinned for the private endpoint
      10.1.2.4\tcontoso.azurecr.io.
      10.1.2.3 contoso.azurecr.io
      not-an-ip contoso.azurecr.io
      #10.9.9.9 contoso.azurecr.io
      ::1 ip6-localhost
      """)
    let facts = HostsFileCheck.run(
      path: path, hosts: ["contoso.azurecr.io", "CONTOSO.japaneast.data.azurecr.io", "other.azurecr.io"])
    XCTAssertEqual(facts.path, path)
    XCTAssertEqual(
      facts.pinned,
      ["contoso.azurecr.io": ["10.1.2.3", "10.1.2.4"], "CONTOSO.japaneast.data.azurecr.io": ["10.1.2.3"]])
  }

  func testMissingFileAndOversizedFilePinNothing() throws {
    XCTAssertEqual(HostsFileCheck.run(path: "/nonexistent/hosts", hosts: ["a.test"]).pinned, [:])
    let huge = try writeTemporaryFile(String(repeating: "10.0.0.1 a.test\n", count: 300_000))
    XCTAssertEqual(HostsFileCheck.run(path: huge, hosts: ["a.test"]).pinned, [:])
  }
}

final class NameserverCheckTests: DNSServerTestCase {
  func testEveryNameserverIsAskedAndTheSilentOneIsNamed() throws {
    let dns = try startDnsmasq("host-record=registry.test,192.0.2.10\n")
    let silent = try startSilentNameserver()
    let path = try writeTemporaryFile(
      """
      # written by a test
      ; also a comment
      search corp.test  svc.test
      nameserver \(dns.nameserver)
      nameserver \(silent.nameserver)
      options timeout:1
      """)
    let facts = NameserverCheck.run(
      resolvConfPath: path, host: "registry.test", context: context(1.5), attemptTimeout: 0.5)
    XCTAssertEqual(facts.resolvConf, path)
    XCTAssertEqual(facts.nameservers, [dns.nameserver, silent.nameserver])
    XCTAssertEqual(facts.search, ["corp.test", "svc.test"])
    XCTAssertFalse(facts.defaultedToLoopback)
    XCTAssertEqual(facts.attempts.map(\.outcome), [.resolved, .timeout])
    XCTAssertEqual(facts.silent.map(\.server), [silent.nameserver])
  }

  /// glibc asks 127.0.0.1 when resolv.conf names no nameserver; so does the check, and it says so.
  func testMissingOrEmptyResolvConfFallsBackToLoopback() throws {
    let empty = try writeTemporaryFile("# nothing here\nsearch corp.test\n")
    for path in [empty, "/nonexistent/resolv.conf"] {
      let facts = NameserverCheck.run(
        resolvConfPath: path, host: "registry.test", context: context(1), attemptTimeout: 0.4)
      XCTAssertTrue(facts.defaultedToLoopback, path)
      XCTAssertEqual(facts.nameservers, ["127.0.0.1"], path)
      XCTAssertEqual(facts.attempts.map(\.server), ["127.0.0.1"], path)
    }
  }
}

/// Writes `text` to a new file under the temporary directory and removes it when the test ends.
extension XCTestCase {
  func writeTemporaryFile(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("regdoctor-dns-\(UUID().uuidString)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
  }
}
