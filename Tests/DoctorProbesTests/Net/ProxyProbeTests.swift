import DoctorCore
import LabServers
import XCTest

@testable import DoctorProbes

final class ProxyProbeTests: XCTestCase {
  private func proxyURL(
    _ port: Int, scheme: ProxyURL.Scheme = .http, username: String? = nil, password: String? = nil
  ) -> ProxyURL {
    ProxyURL(
      scheme: scheme, host: "127.0.0.1", port: port, username: username, password: password,
      source: "HTTPS_PROXY")
  }

  /// Registry on 127.0.0.1:PORT, reached as contoso.azurecr.io:443 through the proxy's resolve map. Both stop when
  /// the test ends.
  private func startTunnel(
    _ configure: (inout ConnectProxy.Configuration) throws -> Void = { _ in }
  ) throws -> (RegistryServer, ConnectProxy) {
    let registry = try LabFixtures.startRegistry()
    addTeardownBlock { registry.stop() }
    var configuration = ConnectProxy.Configuration(resolve: [
      LabFixtures.registryName: "127.0.0.1:\(registry.port)"
    ])
    try configure(&configuration)
    let proxy = ConnectProxy(configuration)
    try proxy.start()
    addTeardownBlock { proxy.stop() }
    return (registry, proxy)
  }

  private func run(_ proxy: ProxyURL, seconds: Double = 5) throws -> HTTPSExchange {
    HTTPSProbe.run(
      endpoint: LabFixtures.registryEndpoint, address: nil, proxy: proxy, requestPath: "/v2/",
      trust: try LabFixtures.labTrust(), context: LabFixtures.context(seconds: seconds))
  }

  func testTunnelWorksEndToEnd() throws {
    let (registry, proxy) = try startTunnel()
    let exchange = try run(proxyURL(proxy.port))
    XCTAssertEqual(exchange.proxy?.outcome, .established, exchange.proxy?.error ?? "")
    XCTAssertEqual(exchange.proxy?.statusCode, 200)
    XCTAssertEqual(exchange.tls?.outcome, .verified, exchange.tls?.reason ?? "")
    XCTAssertEqual(exchange.tls?.path, .proxy("http://127.0.0.1:\(proxy.port)"))
    XCTAssertEqual(exchange.http?.statusCode, 401)
    XCTAssertEqual(
      exchange.http?.phases.map(\.name), [.connect, .proxyconnect, .appconnect, .starttransfer])
    XCTAssertEqual(proxy.attempts.map(\.target), ["contoso.azurecr.io:443"])
    XCTAssertEqual(registry.requestLines, ["GET /v2/"])
  }

  func testTLSProxyTunnelsWithTwoLayersOfTLS() throws {
    let material = try LabFixtures.load()
    let (_, proxy) = try startTunnel {
      $0.tls = try material.proxyLeaf.serverTLSConfiguration()
    }
    let exchange = try run(proxyURL(proxy.port, scheme: .https))
    XCTAssertEqual(exchange.proxy?.outcome, .established, exchange.proxy?.error ?? "")
    XCTAssertEqual(exchange.tls?.outcome, .verified, exchange.tls?.reason ?? "")
    XCTAssertEqual(exchange.http?.statusCode, 401)
  }

  func testForbidden() throws {
    let (registry, proxy) = try startTunnel { $0.mode = .deny(403) }
    let exchange = try run(proxyURL(proxy.port))
    XCTAssertEqual(exchange.proxy?.outcome, .denied)
    XCTAssertEqual(exchange.proxy?.statusCode, 403)
    XCTAssertEqual(exchange.proxy?.statusLine, "HTTP/1.1 403 Forbidden")
    XCTAssertNil(exchange.tls)
    XCTAssertEqual(registry.requestCount, 0)
  }

  func testProxyAuthenticationRequired() throws {
    let (_, proxy) = try startTunnel { $0.mode = .deny(407) }
    let exchange = try run(proxyURL(proxy.port))
    XCTAssertEqual(exchange.proxy?.outcome, .denied)
    XCTAssertEqual(exchange.proxy?.statusCode, 407)
  }

  func testEOFOnConnectIsClosed() throws {
    let (_, proxy) = try startTunnel { $0.mode = .closeOnConnect }
    let exchange = try run(proxyURL(proxy.port))
    XCTAssertEqual(exchange.proxy?.outcome, .closed)
    XCTAssertTrue(exchange.proxy?.error?.contains("EOF") ?? false)
    XCTAssertEqual(proxy.attempts.count, 1)
  }

  func testHTTPSURLToPlainProxyIsSchemeMismatch() throws {
    let (_, proxy) = try startTunnel()
    let exchange = try run(proxyURL(proxy.port, scheme: .https))
    XCTAssertEqual(exchange.proxy?.outcome, .schemeMismatch, exchange.proxy?.error ?? "")
    XCTAssertNil(exchange.tls)
  }

  func testHTTPURLToTLSProxyIsSchemeMismatch() throws {
    let material = try LabFixtures.load()
    let (_, proxy) = try startTunnel {
      $0.tls = try material.proxyLeaf.serverTLSConfiguration()
    }
    let exchange = try run(proxyURL(proxy.port))
    XCTAssertEqual(exchange.proxy?.outcome, .schemeMismatch, exchange.proxy?.error ?? "")
    XCTAssertEqual(proxy.attempts.count, 0)
  }

  func testSilentProxyIsATimeout() throws {
    // A plain server that reads the CONNECT and never answers stands in for a proxy that hangs.
    let silent = RegistryServer(.init(tls: nil, mode: .hangAfterHandshake))
    let port = try silent.start()
    defer { silent.stop() }
    let exchange = try run(proxyURL(port), seconds: 1)
    XCTAssertEqual(exchange.proxy?.outcome, .timeout)
    XCTAssertEqual(silent.requestLines, ["CONNECT contoso.azurecr.io:443"])
  }

  func testUnreachableProxy() throws {
    let port = try LabFixtures.closedPort()
    let exchange = try run(proxyURL(port))
    XCTAssertEqual(exchange.proxy?.outcome, .unreachable)
    XCTAssertTrue(exchange.proxy?.error?.contains("refused") ?? false, exchange.proxy?.error ?? "")
    XCTAssertNil(exchange.tls)
  }

  /// A proxy that echoes the credentials (`407 Denied for alice:PASSWORD`, the bare base64): issue 11.
  func testCredentialsEchoedByTheProxyAreScrubbed() throws {
    let secret = "Echo-Me-s3cret"
    let token = "ghp_TOKENONLY1234"
    let (_, proxy) = try startTunnel { $0.mode = .echoCredentials }
    let withPassword = try run(proxyURL(proxy.port, username: "alice", password: secret))
    XCTAssertEqual(withPassword.proxy?.statusCode, 407)
    XCTAssertEqual(withPassword.proxy?.statusLine, "HTTP/1.1 407 Denied for alice:*** [***]")
    let userOnly = try run(proxyURL(proxy.port, username: token))
    XCTAssertEqual(userOnly.proxy?.statusLine, "HTTP/1.1 407 Denied for ***: [***]")
    for (exchange, forms) in [
      (withPassword, [secret, Data("alice:\(secret)".utf8).base64EncodedString()]),
      (userOnly, [token, Data("\(token):".utf8).base64EncodedString()]),
    ] {
      let everything = String(reflecting: exchange)
      for form in forms { XCTAssertFalse(everything.contains(form), "\(form) leaked: \(everything)") }
    }
  }

  func testCredentialsAreSentButNeverShown() throws {
    let secret = "s3cret-Pa55"
    let (_, proxy) = try startTunnel { $0.credentials = ("alice", secret) }

    let good = try run(proxyURL(proxy.port, username: "alice", password: secret))
    XCTAssertEqual(good.proxy?.outcome, .established, good.proxy?.error ?? "")
    XCTAssertEqual(proxy.attempts.first?.basicCredentials, "alice:\(secret)")
    XCTAssertEqual(good.proxy?.proxyURL, "http://alice:***@127.0.0.1:\(proxy.port)")

    let wrong = try run(proxyURL(proxy.port, username: "alice", password: secret + "x"))
    XCTAssertEqual(wrong.proxy?.statusCode, 407)

    let missing = try run(proxyURL(proxy.port))
    XCTAssertEqual(missing.proxy?.statusCode, 407)
    XCTAssertEqual(proxy.attempts.last?.sentProxyAuthorization, false)

    for exchange in [good, wrong, missing] {
      let everything = String(reflecting: exchange)
      XCTAssertFalse(everything.contains(secret), "the proxy password leaked into the facts")
      XCTAssertFalse(everything.contains(Data("alice:\(secret)".utf8).base64EncodedString()))
    }
  }
}

final class SOCKSProxyTests: XCTestCase {
  func testSOCKSProxyIsNotSentACONNECT() throws {
    let port = try LabFixtures.closedPort()
    let proxy = ProxyURL(
      scheme: .socks5, host: "127.0.0.1", port: port, username: nil, password: nil,
      source: "ALL_PROXY")
    let exchange = HTTPSProbe.run(
      endpoint: LabFixtures.registryEndpoint, address: nil, proxy: proxy, requestPath: "/v2/",
      trust: try LabFixtures.labTrust(), context: LabFixtures.context())
    XCTAssertEqual(exchange.proxy?.outcome, .malformed)
    XCTAssertTrue(exchange.proxy?.error?.contains("socks5://") ?? false)
    XCTAssertNil(exchange.tls)
  }
}
