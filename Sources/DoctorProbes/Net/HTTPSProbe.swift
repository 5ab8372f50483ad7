import Dispatch
import DoctorCore
import FoundationEssentials
import NIOCore
import NIOSSL
import X509

/// What one HTTPS exchange with a registry endpoint showed, stage by stage; a stage that was not reached is nil.
public struct HTTPSExchange: Sendable {
  /// Set when the exchange went through a proxy.
  public var proxy: ProxyFacts?
  public var tls: TLSFacts?
  public var http: HTTPFacts?
  /// Set when the direct TCP connection failed (a proxy that cannot be reached shows in `proxy` instead).
  public var connectFailure: TCPFacts?
  /// Why the HTTP stage did not give a response (`headers larger than 64 KiB`, `not HTTP: ...`), when it did not.
  public var httpError: String?

  public init(
    proxy: ProxyFacts? = nil, tls: TLSFacts? = nil, http: HTTPFacts? = nil,
    connectFailure: TCPFacts? = nil,
    httpError: String? = nil
  ) {
    self.proxy = proxy
    self.tls = tls
    self.http = http
    self.connectFailure = connectFailure
    self.httpError = httpError
  }
}

/// One connection, the way `docker login` makes it: TCP (to the registry or the proxy), the proxy's CONNECT,
/// TLS with SNI, then `GET requestPath`. Every stage is recorded even when an earlier one was unhappy (an untrusted
/// chain still goes on to HTTP, for evidence); everything is bounded by the context's deadline and cancellation.
public enum HTTPSProbe {
  public static let headLimit = 64 * 1024
  public static let bodyLimit = 64 * 1024
  public static let snippetLength = 300

  /// - Parameters:
  ///   - address: the IP to connect to (from DNS); nil lets the system resolve `endpoint.host`. Ignored with a proxy.
  ///   - decision: the proxy decision to report in `ProxyFacts`; by default the proxy itself for both Go and curl.
  public static func run(
    endpoint: Endpoint, address: String?, proxy: ProxyURL?, requestPath: String, trust: TrustStore,
    context: ProbeContext, decision: ProxyDecision? = nil
  ) -> HTTPSExchange {
    var exchange = Exchange(
      endpoint: endpoint, address: address, proxy: proxy, requestPath: requestPath, trust: trust,
      context: context,
      decision: decision
        ?? ProxyDecision(go: proxy?.redacted, curl: proxy?.redacted, bypassedBy: nil))
    exchange.run()
    return exchange.result
  }
}

/// The client TLS context of every probe that judges a chain itself: our verification callback records the chain
/// and accepts it; hostname and trust are checked by verifyChain afterwards, against the trust of whoever pulls.
func makeChainRecordingContext() throws -> NIOSSLContext {
  var configuration = TLSConfiguration.makeClientConfiguration()
  configuration.certificateVerification = .noHostnameVerification
  configuration.trustRoots = .certificates([])
  return try NIOSSLContext(configuration: configuration)
}

extension PullerPathFacts {
  /// What a puller's own path met on the way: the proxy's answer, the TLS handshake, the HTTP exchange, or the
  /// connect that failed first.
  mutating func record(_ x: HTTPSExchange) {
    proxy = x.proxy
    tls = x.tls
    http = x.http
    connectFailure = x.connectFailure
  }
}

/// The state of one run; each stage returns false when the exchange ends there.
private struct Exchange {
  let endpoint: Endpoint
  let address: String?
  let proxy: ProxyURL?
  let requestPath: String
  let trust: TrustStore
  let context: ProbeContext
  let decision: ProxyDecision
  let start = DispatchTime.now()
  var phases: [PhaseTiming] = []
  var result = HTTPSExchange()
  var connectedTo = ""

  /// The way the facts name this exchange's path: direct, or through the (redacted) proxy.
  var path: NetworkPath { proxy.map { .proxy($0.redacted) } ?? .direct }

  mutating func run() {
    if let proxy, proxy.scheme != .http && proxy.scheme != .https {
      // SOCKS speaks another protocol altogether; saying so beats a CONNECT it would read as garbage.
      result.proxy = ProxyFacts(
        endpoint: endpoint, proxyURL: proxy.redacted, decision: decision, outcome: .malformed,
        statusCode: nil, statusLine: nil,
        error:
          "\(proxy.scheme.rawValue):// proxies are not probed (only http:// and https:// CONNECT proxies)",
        ms: 0)
      return
    }
    guard let connection = connect() else { return }
    defer { connection.close() }
    let sslContext: NIOSSLContext
    do {
      sslContext = try makeChainRecordingContext()
    } catch {
      result.tls = tlsFacts(
        .handshakeFailed, reason: "cannot set up TLS: \(describeError(error))", chain: [], ms: 0)
      return
    }
    if let proxy, !tunnel(connection, proxy: proxy, sslContext: sslContext) { return }
    guard handshake(connection, sslContext: sslContext) else { return }
    request(connection)
  }

  private mutating func connect() -> ProbeConnection? {
    let target: ConnectTarget
    if let proxy {
      target = .host(proxy.host, port: proxy.port)
    } else if let address {
      target = .ip(address, port: endpoint.port)
    } else {
      target = .name(endpoint.host, port: endpoint.port)
    }
    switch ProbeConnection.open(
      target, context: context, inboxCapacity: HTTPSProbe.headLimit * 2 + 16 * 1024)
    {
    case .success(let connection):
      phases.append(PhaseTiming(.connect, elapsedMs(since: start)))
      connectedTo = connection.channel.remoteAddress?.ipAddress ?? target.text
      return connection
    case .failure(let failure):
      let ms = elapsedMs(since: start)
      if let proxy {
        result.proxy = ProxyFacts(
          endpoint: endpoint, proxyURL: proxy.redacted, decision: decision, outcome: .unreachable,
          statusCode: nil,
          statusLine: nil, error: "connect to proxy \(target.text): \(failure.message)", ms: ms)
      } else {
        result.connectFailure = TCPFacts(
          endpoint: endpoint, address: ResolvedAddress(ip: address ?? endpoint.host),
          outcome: failure.outcome, ms: ms,
          error: failure.message)
      }
      return nil
    }
  }

  private mutating func tunnel(
    _ connection: ProbeConnection, proxy: ProxyURL, sslContext: NIOSSLContext
  ) -> Bool {
    let answer = ProxyTunnel.establish(
      over: connection, proxy: proxy, endpoint: endpoint, sslContext: sslContext, context: context)
    let ms = elapsedMs(since: start)
    result.proxy = ProxyFacts(
      endpoint: endpoint, proxyURL: proxy.redacted, decision: decision, outcome: answer.outcome,
      statusCode: answer.statusCode, statusLine: answer.statusLine,
      error: answer.error.map(redactSecrets), ms: ms)
    if answer.established { phases.append(PhaseTiming(.proxyconnect, ms)) }
    return answer.established
  }

  private mutating func handshake(_ connection: ProbeConnection, sslContext: NIOSSLContext) -> Bool {
    let tls: TLSHandshake
    do {
      tls = try connection.handshakeTLS(context: sslContext, host: endpoint.host, until: context.deadline)
    } catch {
      result.tls = tlsFacts(
        .handshakeFailed, reason: describeError(error), chain: [], ms: elapsedMs(since: start))
      return false
    }
    let ms = elapsedMs(since: start)
    let certificates = tls.certificates
    let summaries = certificates.map(summarize)
    guard tls.completed else {
      let state = tls.state
      if !tls.settled && state.error == nil && !state.closed {
        result.tls = tlsFacts(
          .timeout, reason: "no TLS handshake before the deadline", chain: summaries, ms: ms)
      } else {
        var reason = state.error.map(describeError) ?? "connection closed during the TLS handshake"
        if looksLikeHTTP(tls.layer.recorder.firstBytes) {
          reason = "the server answered plain HTTP, not TLS (\(reason))"
        }
        result.tls = tlsFacts(.handshakeFailed, reason: reason, chain: summaries, ms: ms)
      }
      return false
    }
    phases.append(PhaseTiming(.appconnect, ms))
    let verdict = verifyChain(certificates, host: endpoint.host, trust: trust)
    result.tls = tlsFacts(
      verdict.outcome, reason: verdict.reason, chain: summaries, ms: ms,
      version: connection.negotiatedVersion(of: tls.layer))
    return true
  }

  private func tlsFacts(
    _ outcome: TLSOutcome, reason: String?, chain: [CertificateSummary], ms: Double,
    version: String? = nil
  ) -> TLSFacts {
    TLSFacts(
      endpoint: endpoint, address: connectedTo, path: path, outcome: outcome, reason: reason,
      chain: chain,
      handshakeMs: ms, protocolVersion: version)
  }

  private mutating func request(_ connection: ProbeConnection) {
    let inbox = connection.inbox
    inbox.restartFirstByteClock()
    connection.send(
      requestHead(
        method: "GET", target: requestPath,
        headers: [
          ("Host", endpoint.hostPort), ("User-Agent", "regdoctor"), ("Accept", "*/*"),
          ("Connection", "close"),
        ]))
    let limit = HTTPSProbe.headLimit
    let (state, head) = inbox.waitForResponseHead(limit: limit, until: context.deadline)
    if let first = state.firstByteAt {
      phases.append(
        PhaseTiming(.starttransfer, Double(first.uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
      )
    }
    switch head {
    case .complete(let head, let length):
      let body = readBody(
        from: inbox, headLength: length, framing: BodyFraming(head: head),
        limit: HTTPSProbe.bodyLimit,
        deadline: context.deadline)
      let text = String(decoding: body, as: UTF8.self)
      result.http = httpFacts(
        .response, status: head.statusCode, reason: head.reasonPhrase,
        challenge: head.header("WWW-Authenticate").flatMap(AuthChallenge.parse),
        errorBody: text.isEmpty ? nil : RegistryErrorBody.parse(text),
        snippet: text.isEmpty ? nil : String(redactSecrets(text).prefix(HTTPSProbe.snippetLength)))
    case .notHTTP:
      result.httpError = "the server answered something that is not HTTP: \(preview(state.bytes))"
      result.http = httpFacts(.malformed, snippet: redactSecrets(preview(state.bytes)))
    case .tooLarge:
      result.httpError = "response head too large: headers larger than 64 KiB"
      result.http = httpFacts(.malformed)
      result.http?.headTooLarge = true
    case .incomplete:
      if state.closed || state.error != nil {
        let why = state.error.map { ": \(describeError($0))" } ?? ""
        result.httpError = "the server closed the connection before a complete response\(why)"
        result.http = httpFacts(.closed)
      } else {
        result.httpError =
          context.cancellation.isCancelled
          ? "cancelled"
          : "Client.Timeout exceeded while awaiting headers (no complete response before the deadline)"
        result.http = httpFacts(.timeout)
      }
    }
  }

  private func httpFacts(
    _ outcome: HTTPOutcome, status: Int? = nil, reason: String? = nil,
    challenge: AuthChallenge? = nil,
    errorBody: RegistryErrorBody? = nil, snippet: String? = nil
  ) -> HTTPFacts {
    HTTPFacts(
      endpoint: endpoint, path: path, requestPath: requestPath, outcome: outcome,
      statusCode: status,
      reasonPhrase: reason, challenge: challenge, errorBody: errorBody, bodySnippet: snippet,
      phases: phases)
  }
}
