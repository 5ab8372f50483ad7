import XCTest

@testable import DoctorCore

final class TOMLReaderTests: XCTestCase {
  private func parse(_ text: String) throws -> TOMLValue {
    switch TOMLReader.parse(text) {
    case .success(let v): return v
    case .failure(let e): throw XCTSkip("unexpected parse error: \(e.sentence)")
    }
  }

  private func error(_ text: String) -> TOMLError? {
    if case .failure(let e) = TOMLReader.parse(text) { return e }
    return nil
  }

  func testContainerdV2ConfigWithQuotedDottedHeaders() throws {
    let doc = try parse(
      """
      version = 2
      disabled_plugins = []  # none
      [plugins."io.containerd.grpc.v1.cri".registry]
        config_path = '/etc/containerd/certs.d'
      [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
        endpoint = ["https://mirror.corp:5000",
          "https://registry-1.docker.io",]
      """)
    XCTAssertEqual(doc[["version"]], .integer(2))
    XCTAssertEqual(
      doc[["plugins", "io.containerd.grpc.v1.cri", "registry", "config_path"]]?.string, "/etc/containerd/certs.d")
    XCTAssertEqual(
      doc[["plugins", "io.containerd.grpc.v1.cri", "registry", "mirrors", "docker.io", "endpoint"]]?.strings,
      ["https://mirror.corp:5000", "https://registry-1.docker.io"])
  }

  func testArraysOfTablesInlineTablesAndEscapes() throws {
    let doc = try parse(
      """
      unqualified-search-registries = ["docker.io"]
      [[registry]]
      location = "contoso.azurecr.io"
      mirror = [{ location = "mirror.corp", insecure = true }]
      [[registry]]
      prefix = "ghcr.io"
      blocked = true
      a.b."c d" = "tab\\there \\u00e9"
      n = 0x1F
      m = -1_000
      """)
    let registries = doc[["registry"]]?.array ?? []
    XCTAssertEqual(registries.count, 2)
    XCTAssertEqual(registries[0][["mirror"]]?.array?.first?[["insecure"]], .boolean(true))
    XCTAssertEqual(registries[1][["a", "b", "c d"]]?.string, "tab\there é")
    XCTAssertEqual(registries[1][["n"]], .integer(31))
    XCTAssertEqual(registries[1][["m"]], .integer(-1000))
  }

  func testWhatItDoesNotReadIsAnErrorWithItsLine() {
    XCTAssertEqual(error("a = 1\nb = 1.5\n")?.line, 2)
    XCTAssertTrue(error("when = 1979-05-27T07:32:00Z")?.reason.contains("dates") ?? false)
    XCTAssertTrue(error("s = \"\"\"\nmulti\n\"\"\"")?.reason.contains("multi-line") ?? false)
    XCTAssertTrue(error("[a]\nx = 1\n[a]\ny = 2")?.reason.contains("defined twice") ?? false)
    XCTAssertTrue(error("x = 1\nx = 2")?.reason.contains("set twice") ?? false)
    XCTAssertNotNil(error("x = \"open"))
    XCTAssertNotNil(error("x = [1, 2"))
    XCTAssertNotNil(error("x = 1 y = 2"))
    XCTAssertNotNil(error("[table"))
    XCTAssertNotNil(error("= 3"))
    XCTAssertNotNil(error("x = 01"))
    XCTAssertNotNil(error("x = \"a\u{01}b\""))
    XCTAssertNotNil(error("x = [1]\n[x]\n"))
  }

  /// Garbage of every kind ends in a value or an error: never a crash, never a hang; deep nesting is bounded.
  func testGarbageAndDepthAreBounded() {
    XCTAssertTrue(error(String(repeating: "[", count: 10_000))?.sentence.isEmpty == false)
    XCTAssertTrue(
      error("x = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100))?.reason.contains("32")
        ?? false)
    XCTAssertNotNil(error(String(repeating: "a", count: TOMLReader.maxBytes + 1)))
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("[]{}=\"'.,#\n \t\\abc123-_xtrue".utf8)
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
      }
      _ = TOMLReader.parse(String(decoding: bytes, as: UTF8.self))
    }
  }
}
