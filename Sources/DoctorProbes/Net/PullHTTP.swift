import Dispatch
import DoctorCore
import FoundationEssentials
import NIOCore
import NIOSSL

/// One GET of a followed pull, as Go's client would make it: TCP (to the host, or to the proxy and CONNECT), TLS
/// verified against the puller's trust (an untrusted chain ends it, as it ends the pull), the request with its
/// headers, then the head and at most `bodyLimit` bytes of the body. Bounded by the context's deadline; memory
/// bounded by the inbox's capacity whatever the server sends.
enum PullHTTP {
  struct Response {
    var head: HTTPResponseHead
    var body: [UInt8]
    /// More body than `bodyLimit` was on its way (or announced by Content-Length).
    var truncated: Bool
  }

  struct Failure: Error {
    /// `connect 203.0.113.20:443: connection refused`, `TLS: untrusted chain …`: technical English.
    var message: String
  }

  static let headLimit = 64 * 1024

  static func get(
    host: String, port: Int, target: String, headers: [(String, String)], proxy: ProxyURL?, trust: TrustStore,
    context: ProbeContext, bodyLimit: Int
  ) -> Result<Response, Failure> {
    let connectTarget: ConnectTarget
    if let proxy {
      guard proxy.scheme == .http || proxy.scheme == .https else {
        return .failure(Failure(message: "\(proxy.scheme.rawValue):// proxies are not followed"))
      }
      connectTarget = .host(proxy.host, port: proxy.port)
    } else {
      connectTarget = .host(host, port: port)
    }
    let connection: ProbeConnection
    switch ProbeConnection.open(connectTarget, context: context, inboxCapacity: headLimit + bodyLimit + 32 * 1024) {
    case .success(let opened): connection = opened
    case .failure(let failure):
      return .failure(Failure(message: "connect \(connectTarget.text): \(failure.message)"))
    }
    defer { connection.close() }
    let sslContext: NIOSSLContext
    do {
      sslContext = try makeChainRecordingContext()
    } catch {
      return .failure(Failure(message: "cannot set up TLS: \(describeError(error))"))
    }
    if let proxy {
      let endpoint = Endpoint(host: host, port: port, role: .auxiliary)
      let answer = ProxyTunnel.establish(
        over: connection, proxy: proxy, endpoint: endpoint, sslContext: sslContext, context: context)
      guard answer.established else {
        let why = answer.statusLine ?? answer.error ?? answer.outcome.rawValue
        return .failure(Failure(message: "proxy \(proxy.redacted) CONNECT \(hostPort(host, port)): \(why)"))
      }
    }
    if let failure = handshake(connection, host: host, sslContext: sslContext, trust: trust, context: context) {
      return .failure(failure)
    }
    let hostHeader = hostPort(host, port)
    connection.send(
      requestHead(
        method: "GET", target: target,
        headers: [("Host", hostHeader), ("User-Agent", "regdoctor")] + headers + [("Connection", "close")]))
    let (state, head) = connection.inbox.waitForResponseHead(limit: headLimit, until: context.deadline)
    switch head {
    case .complete(let head, let length):
      let framing = BodyFraming(head: head)
      if case .length(let declared) = framing, declared > bodyLimit {
        // Announced larger than anything regdoctor reads: not one byte of it is waited for.
        return .success(Response(head: head, body: [], truncated: true))
      }
      if head.statusCode >= 300 && head.statusCode < 400 {
        return .success(Response(head: head, body: [], truncated: false))
      }
      let body = readBody(
        from: connection.inbox, headLength: length, framing: framing, limit: bodyLimit + 1,
        deadline: context.deadline)
      return .success(Response(head: head, body: Array(body.prefix(bodyLimit)), truncated: body.count > bodyLimit))
    case .notHTTP: return .failure(Failure(message: "the answer is not HTTP"))
    case .tooLarge: return .failure(Failure(message: "response head larger than 64 KiB"))
    case .incomplete:
      if state.closed || state.error != nil {
        return .failure(Failure(message: "connection closed before a complete answer"))
      }
      return .failure(Failure(message: "no answer before the deadline (awaiting headers)"))
    }
  }

  private static func handshake(
    _ connection: ProbeConnection, host: String, sslContext: NIOSSLContext, trust: TrustStore, context: ProbeContext
  ) -> Failure? {
    let tls: TLSHandshake
    do {
      tls = try connection.handshakeTLS(context: sslContext, host: host, until: context.deadline)
    } catch {
      return Failure(message: "TLS: \(describeError(error))")
    }
    guard tls.completed else {
      if !tls.settled { return Failure(message: "TLS: no handshake before the deadline") }
      return Failure(
        message: "TLS: " + (tls.state.error.map(describeError) ?? "connection closed during the handshake"))
    }
    let verdict = verifyChain(tls.certificates, host: host, trust: trust)
    guard verdict.outcome == .verified else {
      return Failure(message: "TLS: \(verdict.outcome.rawValue) (\(verdict.reason ?? "the puller would refuse it"))")
    }
    return nil
  }
}
