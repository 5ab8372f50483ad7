import XCTest

@testable import DoctorCore

final class RegistryParsingTests: XCTestCase {
  /// input -> (kind, host, port)
  private let accepted: [(String, RegistryTarget.Kind, String, Int)] = [
    ("contoso", .acr(name: "contoso", suffix: "azurecr.io"), "contoso.azurecr.io", 443),
    ("CONTOSO", .acr(name: "contoso", suffix: "azurecr.io"), "contoso.azurecr.io", 443),
    ("  contoso\n", .acr(name: "contoso", suffix: "azurecr.io"), "contoso.azurecr.io", 443),
    ("contoso.azurecr.io", .acr(name: "contoso", suffix: "azurecr.io"), "contoso.azurecr.io", 443),
    (
      "https://Contoso.AzureCR.io/", .acr(name: "contoso", suffix: "azurecr.io"),
      "contoso.azurecr.io", 443
    ),
    (
      "contoso.azurecr.io:443", .acr(name: "contoso", suffix: "azurecr.io"), "contoso.azurecr.io",
      443
    ),
    (
      "myreg2024.azurecr.us", .acr(name: "myreg2024", suffix: "azurecr.us"), "myreg2024.azurecr.us",
      443
    ),
    ("contoso.azurecr.cn", .acr(name: "contoso", suffix: "azurecr.cn"), "contoso.azurecr.cn", 443),
    (
      String(repeating: "a", count: 50),
      .acr(name: String(repeating: "a", count: 50), suffix: "azurecr.io"),
      String(repeating: "a", count: 50) + ".azurecr.io", 443
    ),
    ("docker.io", .dockerHub, "registry-1.docker.io", 443),
    ("index.docker.io", .dockerHub, "registry-1.docker.io", 443),
    ("https://registry-1.docker.io", .dockerHub, "registry-1.docker.io", 443),
    ("ghcr.io", .generic, "ghcr.io", 443),
    ("registry.example.com:5000", .generic, "registry.example.com", 5000),
    ("localhost:5000", .generic, "localhost", 5000),
    ("localhost", .generic, "localhost", 443),
    ("127.0.0.1:5000", .generic, "127.0.0.1", 5000),
    ("[::1]:5000", .generic, "::1", 5000),
    ("[2001:db8::1]", .generic, "2001:db8::1", 443),
    ("myhost:5000", .generic, "myhost", 5000),
    ("my_registry.corp.example:65535", .generic, "my_registry.corp.example", 65535),
  ]

  func testAcceptsRegistries() throws {
    for (input, kind, host, port) in accepted {
      let target = try RegistryTarget.parse(input)
      XCTAssertEqual(target.kind, kind, input)
      XCTAssertEqual(target.host, host, input)
      XCTAssertEqual(target.port, port, input)
      XCTAssertEqual(target.input, input.trimmingCharacters(in: .whitespacesAndNewlines), input)
    }
  }

  func testLoginServerForms() throws {
    XCTAssertEqual(try RegistryTarget.parse("[::1]:5000").loginServer, "[::1]:5000")
    XCTAssertEqual(try RegistryTarget.parse("contoso").loginServer, "contoso.azurecr.io")
  }

  /// input -> a fragment the message must contain
  private let rejected: [(String, String)] = [
    ("", "Give a registry"),
    ("   \t\n", "Give a registry"),
    ("ab", "not a valid ACR name"),
    ("contoso-dev", "not a valid ACR name"),
    (String(repeating: "a", count: 51), "not a valid ACR name"),
    ("ab.azurecr.io", "not a valid ACR login server"),
    ("my-reg.azurecr.io", "not a valid ACR login server"),
    ("azurecr.io", "not a valid ACR login server"),
    ("contoso.japaneast.data.azurecr.io", "--region japaneast"),
    ("contoso.privatelink.azurecr.io", "contoso.azurecr.io"),
    ("contoso.azurecr.io:5000", "port 443 only"),
    ("docker.io:5000", "port 443 only"),
    ("contoso.azurecr.io/foo", "has a path"),
    ("contoso.azurecr.io/foo/bar:latest", "has a path"),
    ("http://contoso.azurecr.io", "HTTPS"),
    ("ftp://x.example.com", "HTTPS"),
    ("user:pass@contoso.azurecr.io", "never credentials"),
    ("contoso; rm -rf /", "';'"),
    ("[not-v6]:5000", "only an IPv6 address"),
    ("contoso;reboot", "';'"),
    ("$(id).example.com", "'$'"),
    ("`id`", "'`'"),
    ("contoso|cat", "'|'"),
    ("a b", "a space"),
    ("contoso\u{7}", "control character"),
    ("contoso\u{0}x", "control character"),
    ("cont\u{202E}oso", "U+202E"),
    ("ｃｏｎｔｏｓｏ.azurecr.io", "punycode"),
    ("bücher.example", "punycode"),
    ("registry.example.com:0", "invalid port"),
    ("registry.example.com:65536", "invalid port"),
    ("registry.example.com:99999999999999999999", "invalid port"),
    ("registry.example.com:-1", "invalid port"),
    ("registry.example.com:", "invalid port"),
    ("::1", "brackets"),
    ("[::1", "closing"),
    ("[::1]x", "':port'"),
    (String(repeating: "a", count: 64) + ".example.com", "longer than 63"),
    ((0..<60).map { _ in "abcd" }.joined(separator: "."), "longer than 253"),
    (String(repeating: "x", count: 100_000), "too long"),
    ("a..example.com", "empty label"),
    ("example.com.", "empty label"),
    ("-bad.example.com", "hyphen"),
    ("300.1.1.1", "IPv4"),
  ]

  func testRejectsWithClearMessages() {
    for (input, fragment) in rejected {
      do {
        let target = try RegistryTarget.parse(input)
        XCTFail("accepted \(input.debugDescription) as \(target)")
      } catch {
        XCTAssertTrue(
          error.message.contains(fragment), "\(input.debugDescription): \(error.message)")
        XCTAssertTrue(error.message.hasSuffix("."), error.message)
        XCTAssertLessThan(error.message.count, 400, "message stays short for \(input.prefix(20))")
        XCTAssertFalse(
          error.message.contains("\u{7}") || error.message.contains("\u{0}"),
          "raw control char echoed")
        XCTAssertFalse(error.message.contains("pass@"), "credentials echoed: \(error.message)")
      }
    }
  }

  func testRegionsBecomeDataEndpoints() throws {
    let target = try RegistryTarget.parse(
      "contoso", regions: ["japaneast", "WestEurope", "japaneast"],
      dataEndpoints: [
        "https://extra.example.com/", "contoso.japaneast.data.azurecr.io", "[2001:db8::5]",
      ])
    XCTAssertEqual(
      target.dataEndpoints,
      [
        "contoso.japaneast.data.azurecr.io", "contoso.westeurope.data.azurecr.io",
        "extra.example.com", "2001:db8::5",
      ])
    XCTAssertEqual(
      try RegistryTarget.parse("contoso.azurecr.us", regions: ["usgovvirginia"]).dataEndpoints,
      ["contoso.usgovvirginia.data.azurecr.us"])
  }

  /// (registry, regions, dataEndpoints) -> message fragment
  private let badExtras: [(String, [String], [String], String)] = [
    ("ghcr.io", ["japaneast"], [], "only applies to Azure Container Registry"),
    ("docker.io", ["eastus"], [], "only applies to Azure Container Registry"),
    ("contoso", ["x"], [], "2 to 40 letters"),
    ("contoso", ["japan east"], [], "2 to 40 letters"),
    ("contoso", ["japaneast;id"], [], "2 to 40 letters"),
    ("contoso", [String(repeating: "a", count: 41)], [], "2 to 40 letters"),
    ("contoso", ["日本"], [], "2 to 40 letters"),
    ("contoso", [], [""], "empty"),
    ("contoso", [], ["bad host"], "a space"),
    ("contoso", [], ["x.example.com:443"], "without a port"),
    ("contoso", [], ["x.example.com/path"], "has a path"),
    ("contoso", [], ["$(reboot)"], "'$'"),
    ("contoso", [], ["[example.com]"], "only an IPv6 address"),
    ("contoso", Array(repeating: "japaneast", count: 100), [], "Too many"),
  ]

  func testRejectsBadRegionsAndDataEndpoints() {
    for (registry, regions, endpoints, fragment) in badExtras {
      XCTAssertThrowsError(
        try RegistryTarget.parse(registry, regions: regions, dataEndpoints: endpoints)
      ) { error in
        let message = (error as? InputError)?.message ?? ""
        XCTAssertTrue(message.contains(fragment), "\(regions) \(endpoints): \(message)")
      }
    }
  }

  func testMessageEscapesHostileCharacters() {
    XCTAssertThrowsError(try RegistryTarget.parse("evil\u{1B}[2Jhost")) { error in
      let message = (error as? InputError)?.message ?? ""
      XCTAssertFalse(message.contains("\u{1B}"))
      XCTAssertTrue(message.contains("\\x1b"), message)
    }
  }
}
