import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

final class TrustStoreTests: XCTestCase {
  func testCertFileIsLoaded() throws {
    let material = try LabFixtures.load()
    let store = TrustStore.fromEnvironment(["SSL_CERT_FILE": material.caFile])
    XCTAssertEqual(store.roots.count, 1)
    XCTAssertTrue(store.source.contains(material.caFile))
    XCTAssertTrue(store.source.contains("1 certificate"))
  }

  func testCertDirIsLoaded() throws {
    let material = try LabFixtures.load()
    let store = TrustStore.fromEnvironment(["SSL_CERT_DIR": material.directory])
    // ca.pem and registry.pem (a leaf also counts as an anchor when someone puts it there).
    XCTAssertEqual(store.roots.count, 2)
    XCTAssertTrue(store.source.hasPrefix("SSL_CERT_DIR="))
  }

  func testMissingFileGivesAnEmptyStoreNotACrash() {
    let store = TrustStore.fromEnvironment(["SSL_CERT_FILE": "/nonexistent/regdoctor/ca.pem"])
    XCTAssertTrue(store.roots.isEmpty)
    XCTAssertTrue(store.source.contains("0 certificates"))
  }

  func testSystemStoreDescribesItsSource() {
    let store = TrustStore.fromEnvironment([:])
    XCTAssertTrue(store.source.hasPrefix("system"), store.source)
  }
}
