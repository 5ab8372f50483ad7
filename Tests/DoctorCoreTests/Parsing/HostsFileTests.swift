import XCTest

@testable import DoctorCore

final class HostsFileTests: XCTestCase {
  private let text = """
    # /etc/hosts
    127.0.0.1\tlocalhost
    ::1     localhost ip6-localhost ip6-loopback
    10.1.2.3  Contoso.AzureCR.io contoso   # pinned to the private endpoint
    10.1.2.4  contoso.japaneast.data.azurecr.io
    10.9.9.9  contoso.azurecr.io
    10.1.2.3  contoso.azurecr.io
    fe80::1%eth0 router.local
      192.0.2.10   indented.example
    not-an-ip  bad.example
    300.1.1.1  bad2.example
    10.0.0.1
    10.0.0.2 $(reboot).example ok.example; rm
    10.0.0.3 trailing.example.
    10.0.0.4\u{0}nul.example
    10.0.0.5 ünï.example
    10.0.0.6 truncated.exa
    """

  /// host -> addresses
  private let rows: [(String, [String])] = [
    ("contoso.azurecr.io", ["10.1.2.3", "10.9.9.9"]),
    ("CONTOSO.AZURECR.IO", ["10.1.2.3", "10.9.9.9"]),
    ("contoso.azurecr.io.", ["10.1.2.3", "10.9.9.9"]),
    ("contoso", ["10.1.2.3"]),
    ("contoso.japaneast.data.azurecr.io", ["10.1.2.4"]),
    ("localhost", ["127.0.0.1", "::1"]),
    ("ip6-loopback", ["::1"]),
    ("router.local", ["fe80::1%eth0"]),
    ("indented.example", ["192.0.2.10"]),
    ("bad.example", []),
    ("bad2.example", []),
    ("ok.example", []),  // `ok.example;` is not a host name, `ok.example` never appears alone.
    ("$(reboot).example", []),
    ("trailing.example", ["10.0.0.3"]),
    ("nul.example", []),
    ("ünï.example", []),
    ("truncated.exa", ["10.0.0.6"]),
    ("pinned", []),
    ("", []),
  ]

  func testLooksUpNames() {
    let hosts = HostsFile.parse(text)
    for (host, expected) in rows {
      XCTAssertEqual(hosts.addresses(for: host), expected, host)
    }
  }

  func testEmptyAndHugeFiles() {
    XCTAssertEqual(HostsFile.parse("").entries, [:])
    XCTAssertEqual(HostsFile.parse("\n\n# only comments\n").entries, [:])
    let filler = "10.0.0.1 a.example " + String(repeating: "x", count: 100) + ".example\n"
    let huge = String(repeating: filler, count: 40_000) + "10.0.0.2 late.example\n"
    let hosts = HostsFile.parse(huge)
    XCTAssertEqual(hosts.addresses(for: "a.example"), ["10.0.0.1"])
    XCTAssertEqual(hosts.addresses(for: "late.example"), [], "text past 4 MiB is not read")
    let wide = "10.0.0.1 " + (0..<1000).map { "n\($0).example" }.joined(separator: " ")
    XCTAssertEqual(HostsFile.parse(wide).entries.count, 64)
  }
}
