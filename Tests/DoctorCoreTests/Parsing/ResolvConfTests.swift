import XCTest

@testable import DoctorCore

final class ResolvConfTests: XCTestCase {
  /// text -> expected
  private let rows: [(String, ResolvConf)] = [
    ("", ResolvConf()),
    ("nameserver 10.0.0.2\n", ResolvConf(nameservers: ["10.0.0.2"])),
    (
      "# generated\n; also a comment\nnameserver 168.63.129.16\nsearch corp.example internal.cloudapp.net\n",
      ResolvConf(nameservers: ["168.63.129.16"], search: ["corp.example", "internal.cloudapp.net"])
    ),
    (
      "nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\nnameserver 4.4.4.4\nnameserver 5.5.5.5\n",
      ResolvConf(
        nameservers: ["1.1.1.1", "2.2.2.2", "3.3.3.3"], ignoredNameservers: ["4.4.4.4", "5.5.5.5"])
    ),
    (
      "nameserver fe80::1%eth0\nnameserver 2001:db8::53\nnameserver fe80::2%\n",
      ResolvConf(nameservers: ["fe80::1%eth0", "2001:db8::53"])
    ),
    (
      "nameserver 10.0.0.2 # trailing comment\nnameserver\t10.0.0.3;x\n",
      ResolvConf(nameservers: ["10.0.0.2", "10.0.0.3"])
    ),
    ("domain corp.example\n", ResolvConf(search: ["corp.example"])),
    ("search a.example b.example\ndomain last.example\n", ResolvConf(search: ["last.example"])),
    ("domain first.example\nsearch x.example\n", ResolvConf(search: ["x.example"])),
    (
      "options timeout:2 attempts:1 rotate ndots:5\n",
      ResolvConf(timeoutSeconds: 2, attempts: 1, ndots: 5, rotate: true)
    ),
    (
      "options timeout:99 attempts:99 ndots:99\noptions timeout:3\n",
      ResolvConf(timeoutSeconds: 3, attempts: 5, ndots: 15)
    ),
    (
      "options timeout: attempts:x timeout:-1 ndots:99999999999999999999 edns0\n",
      ResolvConf(ndots: 15)
    ),
    // Hostile and malformed lines are skipped, as glibc skips them.
    (
      "  nameserver 9.9.9.9\nnameserver8.8.8.8\nnameserver not-an-ip\nnameserver 10.0.0.2; rm -rf /\n",
      ResolvConf(nameservers: ["10.0.0.2"])
    ),
    (
      "nameserver 300.1.1.1\nnameserver $(id)\nnameserver ::ffff:zz\nnameserver 10.0.0.2\u{0}\n",
      ResolvConf()
    ),
    (
      "nameserver 10.0.0.2\r\nsearch corp.example\r\n",
      ResolvConf(nameservers: ["10.0.0.2"], search: ["corp.example"])
    ),
    ("NAMESERVER 10.0.0.2\nsearch\n", ResolvConf()),
    ("nameserver 10.0.0.2", ResolvConf(nameservers: ["10.0.0.2"])),  // Truncated: no final newline.
    ("nameserver 東京\nsearch 例え.jp\n", ResolvConf(search: ["例え.jp"])),
  ]

  func testParsesLikeGlibc() {
    for (text, expected) in rows {
      XCTAssertEqual(ResolvConf.parse(text), expected, text.debugDescription)
    }
  }

  func testHugeInputIsBounded() {
    let many = String(repeating: "nameserver 10.0.0.1\n", count: 100_000)
    let conf = ResolvConf.parse(many + "search late.example\n")
    XCTAssertEqual(conf.nameservers.count, 3)
    XCTAssertEqual(conf.ignoredNameservers.count, 64)
    XCTAssertEqual(conf.search, [], "text past 256 KiB is not read")
    let longSearch = "search " + (0..<1000).map { "d\($0).example" }.joined(separator: " ")
    XCTAssertEqual(ResolvConf.parse(longSearch).search.count, 64)
  }
}
