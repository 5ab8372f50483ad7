import XCTest

@testable import DoctorCore

final class ImageReferenceTests: XCTestCase {
  let acr = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")
  let hub = RegistryTarget(input: "docker.io", kind: .dockerHub, host: "registry-1.docker.io")
  let digest = "sha256:" + String(repeating: "ab", count: 32)

  func testRepositoryTagAndDigestAreReadAsAPullNamesThem() throws {
    let plain = try ImageReference.parse("hello", registry: acr)
    XCTAssertEqual(plain, ImageReference(repository: "hello"))
    XCTAssertEqual(plain.reference, "latest")
    let tagged = try ImageReference.parse("team/app-x_y.z:1.2-rc_3", registry: acr)
    XCTAssertEqual(tagged.repository, "team/app-x_y.z")
    XCTAssertEqual(tagged.tag, "1.2-rc_3")
    let pinned = try ImageReference.parse("app@\(digest)", registry: acr)
    XCTAssertEqual(pinned.digest, digest)
    XCTAssertEqual(pinned.reference, digest)
    XCTAssertEqual(try ImageReference.parse("app:1@\(digest)", registry: acr).reference, digest)
  }

  func testTheRegistrysOwnHostMayLeadOtherRegistriesMayNot() throws {
    XCTAssertEqual(try ImageReference.parse("contoso.azurecr.io/app:1", registry: acr).repository, "app")
    XCTAssertThrowsError(try ImageReference.parse("ghcr.io/app:1", registry: acr))
    XCTAssertEqual(try ImageReference.parse("docker.io/nginx", registry: hub).repository, "library/nginx")
    XCTAssertEqual(try ImageReference.parse("nginx:1", registry: hub).repository, "library/nginx")
    let local = RegistryTarget(input: "127.0.0.1:5000", kind: .generic, host: "127.0.0.1", port: 5000)
    XCTAssertEqual(try ImageReference.parse("127.0.0.1:5000/a/b:c", registry: local).repository, "a/b")
  }

  func testAnythingElseIsRefusedWithASentence() {
    let tooLong = String(repeating: "a", count: 256)
    for bad in [
      "", "App", "a//b", "/a", "a/", "a..b", "a.-b", "-a", "a:", "a:.x", "a:" + String(repeating: "t", count: 129),
      "a@sha256:" + String(repeating: "A", count: 64), "a@sha256:12", "a b", "a\nb", "ä", tooLong, "a@",
    ] {
      XCTAssertThrowsError(try ImageReference.parse(bad, registry: acr), bad) { error in
        XCTAssertTrue((error as? InputError)?.message.contains("REPO[:TAG]") ?? false || bad == tooLong, "\(error)")
      }
    }
  }
}
