import DoctorCore
import LabServers
import XCTest

@testable import DoctorProbes

/// Certificates with thousands of subject alternative names (issue 11): the TLS failure is a sentence that counts
/// the names and shows the first few, never a Swift error dump or a line of 300 kB.
final class ManyNamesCertificateTests: XCTestCase {
  private func probe(names count: Int) throws -> TLSFacts {
    let names = (0..<count).map { "n\($0).other.example.net" }
    let leaf = try LabFixtures.load().pki.issueLeaf(.init(names: names))
    let server = try LabFixtures.startRegistry(leaf: leaf)
    defer { server.stop() }
    let exchange = HTTPSProbe.run(
      endpoint: LabFixtures.endpoint(port: server.port), address: "127.0.0.1", proxy: nil, requestPath: "/v2/",
      trust: try LabFixtures.labTrust(), context: LabFixtures.context(seconds: 10))
    return try XCTUnwrap(exchange.tls)
  }

  /// 10,000 names make a certificate message larger than BoringSSL (and Go's crypto/tls) accept.
  func testTenThousandNamesAreAHandshakeTooLargeInWords() throws {
    let tls = try probe(names: 10_000)
    let reason = tls.reason ?? ""
    XCTAssertEqual(tls.outcome, .handshakeFailed, reason)
    XCTAssertTrue(reason.hasPrefix("the server's certificate (or another handshake message) is larger"), reason)
    XCTAssertTrue(reason.contains("(BoringSSL: EXCESSIVE_MESSAGE_SIZE)"), reason)
    XCTAssertFalse(reason.contains("NIOSSL") || reason.contains("sslError") || reason.contains("268435"), reason)
  }

  /// 2,000 names fit in a handshake; the name mismatch counts them and shows the first eight.
  func testTwoThousandNamesAreCountedInTheNameMismatch() throws {
    let tls = try probe(names: 2_000)
    let reason = tls.reason ?? ""
    XCTAssertEqual(tls.outcome, .nameMismatch, reason)
    XCTAssertTrue(reason.hasPrefix("certificate is for n0.other.example.net, n1.other.example.net, "), reason)
    XCTAssertTrue(reason.contains("n7.other.example.net, … and 1992 more (2000 names), not contoso.azurecr.io"), reason)
    XCTAssertLessThan(reason.count, 400, reason)
    let details = ProbeDescriber.describe(
      ProbeResult(id: "tls.login-server", target: "t", durationMs: 1, facts: .tls(tls)), in: .en
    )
    .details
    let sans = details.first { $0.key == "cert[0] SANs" }?.value ?? ""
    XCTAssertTrue(sans.hasSuffix("… and 1992 more (2000 names)"), sans)
  }

  func testReasonCodesAreReadFromBoringSSLsText() {
    let dump =
      "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435606 error:10000096:SSL routines:"
      + "OPENSSL_internal:EXCESSIVE_MESSAGE_SIZE at /src/ssl/s3_both.cc:300]))"
    XCTAssertEqual(boringSSLReasons(in: dump), ["EXCESSIVE_MESSAGE_SIZE"])
    XCTAssertEqual(
      tlsLibraryWords("error:1000:SSL routines:OPENSSL_internal:SOMETHING_NEW"), "TLS error (BoringSSL: SOMETHING_NEW)")
    XCTAssertNil(tlsLibraryWords("connection reset by peer"))
    XCTAssertEqual(countedNames(["a", "b"]), "a, b")
  }
}
