import DoctorCore
import LabServers
import XCTest

@testable import DoctorProbes

final class HTTPSProbeTests: XCTestCase {
  private func probe(
    _ server: RegistryServer, trust: TrustStore? = nil, seconds: Double = 5, path: String = "/v2/"
  ) throws -> HTTPSExchange {
    HTTPSProbe.run(
      endpoint: LabFixtures.endpoint(port: server.port), address: "127.0.0.1", proxy: nil,
      requestPath: path,
      trust: try trust ?? LabFixtures.labTrust(), context: LabFixtures.context(seconds: seconds))
  }

  func testVerifiedChainAndChallenge() throws {
    let server = try LabFixtures.startRegistry()
    defer { server.stop() }
    let exchange = try probe(server)
    let tls = try XCTUnwrap(exchange.tls)
    XCTAssertEqual(tls.outcome, .verified, tls.reason ?? "")
    XCTAssertEqual(tls.path, .direct)
    XCTAssertEqual(tls.address, "127.0.0.1")
    XCTAssertEqual(tls.chain.count, 2)
    XCTAssertTrue(tls.chain[0].subjectAlternativeNames.contains(LabFixtures.registryName))
    XCTAssertTrue(tls.chain[0].subjectAlternativeNames.contains("127.0.0.1"))
    XCTAssertEqual(tls.chain[0].issuerOrganization, "Microsoft Corporation")
    XCTAssertFalse(tls.chain[0].isCA)
    XCTAssertTrue(tls.chain[1].isCA)
    XCTAssertNotNil(tls.protocolVersion)

    let http = try XCTUnwrap(exchange.http)
    XCTAssertEqual(http.outcome, .response)
    XCTAssertEqual(http.statusCode, 401)
    XCTAssertEqual(http.reasonPhrase, "Unauthorized")
    XCTAssertEqual(http.challenge?.scheme, "Bearer")
    XCTAssertEqual(http.challenge?.realm, "https://\(LabFixtures.registryName)/oauth2/token")
    XCTAssertEqual(http.challenge?.service, LabFixtures.registryName)
    XCTAssertEqual(http.errorBody?.code, "UNAUTHORIZED")
    XCTAssertLessThanOrEqual(http.bodySnippet?.count ?? 0, HTTPSProbe.snippetLength)
    XCTAssertEqual(http.phases.map(\.name), [.connect, .appconnect, .starttransfer])
    XCTAssertEqual(server.requestLines, ["GET /v2/"])
    XCTAssertNil(exchange.connectFailure)
    XCTAssertNil(exchange.proxy)
  }

  func testTokenEndpointAnswers200() throws {
    let server = try LabFixtures.startRegistry()
    defer { server.stop() }
    let exchange = try probe(server, path: "/oauth2/token?service=\(LabFixtures.registryName)")
    XCTAssertEqual(exchange.http?.statusCode, 200)
    XCTAssertFalse(
      exchange.http?.bodySnippet?.contains("lab-anonymous-token") ?? true, "tokens are redacted")
  }

  func testUnknownCAIsUntrustedButHTTPStillHappens() throws {
    let server = try LabFixtures.startRegistry()
    defer { server.stop() }
    let otherCA = try TestPKI(caName: "Some Other CA")
    let directory = NSTemporaryDirectory() + "regdoctor-net-other-\(getpid())"
    try otherCA.write(to: directory, leaves: [:])
    let exchange = try probe(
      server, trust: TrustStore.fromEnvironment(["SSL_CERT_FILE": directory + "/ca.pem"]))
    XCTAssertEqual(exchange.tls?.outcome, .untrusted)
    XCTAssertTrue(exchange.tls?.reason?.contains("Microsoft Azure RSA TLS Issuing CA 07") ?? false)
    XCTAssertEqual(exchange.http?.statusCode, 401)
  }

  func testWrongNameIsNameMismatch() throws {
    let server = try LabFixtures.startRegistry(leaf: try LabFixtures.load().wrongName)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertEqual(exchange.tls?.outcome, .nameMismatch, exchange.tls?.reason ?? "")
    XCTAssertTrue(exchange.tls?.reason?.contains("other.example.net") ?? false)
  }

  func testExpiredLeafIsExpired() throws {
    let server = try LabFixtures.startRegistry(leaf: try LabFixtures.load().expired)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertEqual(exchange.tls?.outcome, .expired, exchange.tls?.reason ?? "")
    XCTAssertTrue(exchange.tls?.reason?.contains("expired") ?? false)
  }

  func testFirewallDenialNamesThePeerIP() throws {
    let server = try LabFixtures.startRegistry(mode: .denyClientIP)
    defer { server.stop() }
    let http = try XCTUnwrap(try probe(server).http)
    XCTAssertEqual(http.statusCode, 403)
    XCTAssertEqual(http.errorBody?.code, "DENIED")
    XCTAssertEqual(http.errorBody?.deniedClientIP, "127.0.0.1")
  }

  func testHangIsATimeoutWithinTheDeadline() throws {
    let server = try LabFixtures.startRegistry(mode: .hangAfterHandshake)
    defer { server.stop() }
    let exchange = try probe(server, seconds: 1.5)
    XCTAssertEqual(exchange.tls?.outcome, .verified)
    XCTAssertEqual(exchange.http?.outcome, .timeout)
    XCTAssertTrue(exchange.httpError?.contains("awaiting headers") ?? false)
    XCTAssertEqual(server.requestCount, 1)
  }

  func testCancellationEndsAHang() throws {
    let server = try LabFixtures.startRegistry(mode: .hangAfterHandshake)
    defer { server.stop() }
    let context = LabFixtures.context(seconds: 60)
    let trust = try LabFixtures.labTrust()
    let finished = expectation(description: "probe returned")
    let endpoint = LabFixtures.endpoint(port: server.port)
    DispatchQueue.global().async {
      let exchange = HTTPSProbe.run(
        endpoint: endpoint, address: "127.0.0.1", proxy: nil, requestPath: "/v2/", trust: trust,
        context: context)
      XCTAssertNotEqual(exchange.http?.outcome, .response)
      finished.fulfill()
    }
    // Cancel once the request is in: the probe is then waiting for an answer that never comes.
    while server.requestCount == 0 { usleep(10_000) }
    context.cancellation.cancel()
    wait(for: [finished], timeout: 30)
  }

  func testGarbageIsMalformed() throws {
    let server = try LabFixtures.startRegistry(mode: .garbage)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertEqual(exchange.http?.outcome, .malformed)
    XCTAssertTrue(exchange.httpError?.contains("not HTTP") ?? false)
  }

  func testHugeHeadersAreMalformed() throws {
    let server = try LabFixtures.startRegistry(mode: .hugeHeaders)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertEqual(exchange.http?.outcome, .malformed)
    XCTAssertEqual(exchange.httpError, "response head too large: headers larger than 64 KiB")
    // What the report says: not "not valid HTTP" (issue 11).
    let http = try XCTUnwrap(exchange.http)
    let result = ProbeDescriber.describe(
      ProbeResult(id: "http.login-server", target: "x", durationMs: 1, facts: .http(http)), in: .en)
    XCTAssertTrue(result.summary.contains("response head too large"), result.summary)
    XCTAssertFalse(result.summary.contains("not valid HTTP"), result.summary)
  }

  func testCloseAfterHandshakeIsClosed() throws {
    let server = try LabFixtures.startRegistry(mode: .closeAfterHandshake)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertNotNil(exchange.tls)
    XCTAssertEqual(exchange.http?.outcome, .closed, exchange.httpError ?? "")
  }

  func testPlainHTTPServerFailsTheHandshakeAndSaysSo() throws {
    let server = try LabFixtures.startRegistry(tls: false)
    defer { server.stop() }
    let exchange = try probe(server)
    XCTAssertEqual(exchange.tls?.outcome, .handshakeFailed)
    let reason = exchange.tls?.reason ?? ""
    XCTAssertTrue(reason.contains("plain HTTP"), reason)
    XCTAssertTrue(reason.contains("WRONG_VERSION_NUMBER"), reason)
    XCTAssertFalse(reason.contains(".cc:"), "source paths are trimmed: \(reason)")
    XCTAssertNil(exchange.http)
  }

  func testRefusedConnectionIsAConnectFailure() throws {
    let port = try LabFixtures.closedPort()
    let exchange = HTTPSProbe.run(
      endpoint: LabFixtures.endpoint(port: port), address: "127.0.0.1", proxy: nil,
      requestPath: "/v2/",
      trust: try LabFixtures.labTrust(), context: LabFixtures.context())
    XCTAssertEqual(exchange.connectFailure?.outcome, .refused)
    XCTAssertNil(exchange.tls)
  }

  func testIPLiteralHostIsVerifiedAgainstIPSubjectAltName() throws {
    let server = try LabFixtures.startRegistry()
    defer { server.stop() }
    let endpoint = Endpoint(host: "127.0.0.1", port: server.port, role: .loginServer)
    let exchange = HTTPSProbe.run(
      endpoint: endpoint, address: "127.0.0.1", proxy: nil, requestPath: "/v2/",
      trust: try LabFixtures.labTrust(), context: LabFixtures.context())
    XCTAssertEqual(exchange.tls?.outcome, .verified, exchange.tls?.reason ?? "")
    XCTAssertEqual(exchange.http?.statusCode, 401)
  }

  func testSilentServerIsATLSTimeout() throws {
    let listener = try FullBacklogListener()
    defer { listener.close() }
    let exchange = HTTPSProbe.run(
      endpoint: LabFixtures.endpoint(port: listener.port), address: "127.0.0.1", proxy: nil,
      requestPath: "/v2/", trust: try LabFixtures.labTrust(),
      context: LabFixtures.context(seconds: 1))
    XCTAssertNil(exchange.connectFailure)
    XCTAssertEqual(exchange.tls?.outcome, .timeout)
    XCTAssertNil(exchange.http)
  }
}
