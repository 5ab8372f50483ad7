import Dispatch
import DoctorCore
import FoundationEssentials
import NIOSSL

/// The proxy part of an exchange: TLS to the proxy for `https://` URLs, then our own `CONNECT`, read byte by byte,
/// so a 403/407 status line, an early EOF or a TLS record where HTTP was expected are each seen for what they are.
enum ProxyTunnel {
  /// How long to keep reading a refusal's body, for the "plain HTTP request to an HTTPS port" wording.
  static let refusalBodyLimit = 4096

  struct Result {
    var outcome: ProxyConnectOutcome
    var statusCode: Int?
    var statusLine: String?
    var error: String?
    var established: Bool { outcome == .established }
  }

  static func establish(
    over connection: ProbeConnection, proxy: ProxyURL, endpoint: Endpoint,
    sslContext: NIOSSLContext,
    context: ProbeContext
  ) -> Result {
    if proxy.scheme == .https,
      let failure = startProxyTLS(connection, proxy: proxy, sslContext: sslContext, context)
    {
      return failure
    }
    let authority = hostPort(endpoint.host, endpoint.port).withPortAlways(endpoint.port)
    var headers: [(String, String)] = [("Host", authority), ("User-Agent", "regdoctor")]
    if let username = proxy.username {
      let credentials = Data("\(username):\(proxy.password ?? "")".utf8).base64EncodedString()
      headers.append(("Proxy-Authorization", "Basic \(credentials)"))
    }
    connection.send(requestHead(method: "CONNECT", target: authority, headers: headers))
    var result = readAnswer(connection, context: context)
    // Whatever the proxy said goes into summaries and evidence: never with the credentials we just sent it.
    let secrets = proxy.secretForms
    result.statusLine = result.statusLine.map { redactSecrets($0, known: secrets) }
    result.error = result.error.map { redactSecrets($0, known: secrets) }
    return result
  }

  private static func startProxyTLS(
    _ connection: ProbeConnection, proxy: ProxyURL, sslContext: NIOSSLContext,
    _ context: ProbeContext
  ) -> Result? {
    let tls: TLSHandshake
    do {
      tls = try connection.handshakeTLS(context: sslContext, host: proxy.host, until: context.deadline)
    } catch {
      return Result(
        outcome: .malformed, error: "cannot start TLS to the proxy: \(describeError(error))")
    }
    if tls.completed { return nil }
    if looksLikeHTTP(tls.layer.recorder.firstBytes) {
      return Result(
        outcome: .schemeMismatch,
        error:
          "the proxy URL says https:// but \(proxy.host):\(proxy.port) answered plain HTTP, not TLS"
      )
    }
    if !tls.settled {
      return Result(outcome: .timeout, error: "no TLS handshake with the proxy before the deadline")
    }
    if let error = tls.state.error, isWrongVersion(error) {
      return Result(
        outcome: .schemeMismatch,
        error:
          "the proxy URL says https:// but the proxy does not speak TLS (\(describeError(error)))")
    }
    let why = tls.state.error.map(describeError) ?? "connection closed"
    return Result(outcome: .closed, error: "TLS handshake with the proxy failed: \(why)")
  }

  private static func readAnswer(_ connection: ProbeConnection, context: ProbeContext) -> Result {
    let limit = HTTPSProbe.headLimit
    let (state, head) = connection.inbox.waitForResponseHead(limit: limit, until: context.deadline)
    switch head {
    case .complete(let head, let length):
      if head.isSuccess {
        connection.inbox.consume(length)
        return Result(
          outcome: .established, statusCode: head.statusCode, statusLine: head.statusLine)
      }
      let body = readRefusalBody(connection, head: head, headLength: length, context: context)
      if let mismatch = plainToTLSPortWording(body) {
        return Result(
          outcome: .schemeMismatch, statusCode: head.statusCode, statusLine: head.statusLine,
          error: "the proxy URL says http:// but the proxy expects TLS: \"\(mismatch)\"")
      }
      return Result(outcome: .denied, statusCode: head.statusCode, statusLine: head.statusLine)
    case .notHTTP:
      if isTLSRecord(state.bytes) {
        return Result(
          outcome: .schemeMismatch,
          error:
            "the proxy answered with a TLS record (0x\(hex(state.bytes.prefix(3)))): the URL says http:// "
            + "but the proxy speaks TLS")
      }
      return Result(
        outcome: .malformed,
        error: "the proxy answered something that is not HTTP: \(preview(state.bytes))")
    case .tooLarge:
      return Result(outcome: .malformed, error: "the proxy's answer headers are larger than 64 KiB")
    case .incomplete:
      if context.cancellation.isCancelled { return Result(outcome: .timeout, error: "cancelled") }
      if state.closed || state.error != nil {
        let detail = state.error.map { " (\(describeError($0)))" } ?? ""
        return Result(
          outcome: .closed,
          error:
            "proxyconnect tcp: EOF: the proxy closed the connection before answering CONNECT\(detail)"
        )
      }
      return Result(outcome: .timeout, error: "no answer to CONNECT before the deadline")
    }
  }

  private static func readRefusalBody(
    _ connection: ProbeConnection, head: HTTPResponseHead, headLength: Int, context: ProbeContext
  ) -> [UInt8] {
    var framing = BodyFraming(head: head)
    // A refusal without length that keeps the connection open would hold us until the deadline: take what is here.
    if case .untilClose = framing, !head.closesConnection { framing = .none }
    return readBody(
      from: connection.inbox, headLength: headLength, framing: framing, limit: refusalBodyLimit,
      deadline: context.deadline)
  }
}

/// What Go's TLS server ("Client sent an HTTP request to an HTTPS server") and nginx ("The plain HTTP request was
/// sent to HTTPS port") answer to plain HTTP on a TLS port.
func plainToTLSPortWording(_ body: [UInt8]) -> String? {
  let text = String(decoding: body, as: UTF8.self)
  for phrase in ["HTTP request to an HTTPS server", "plain HTTP request was sent to HTTPS port"]
  where text.literalRange(of: phrase, ignoringCase: true) != nil {
    return phrase
  }
  return nil
}

func looksLikeHTTP(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("HTTP/".utf8)) }

/// A TLS record header: content type 20-23 (change cipher spec, alert, handshake, data), then major version 3.
func isTLSRecord(_ bytes: [UInt8]) -> Bool {
  bytes.count >= 2 && (0x14...0x17).contains(bytes[0]) && bytes[1] == 0x03
}

/// BoringSSL's words for "the first record was not TLS".
func isWrongVersion(_ error: Error) -> Bool {
  let text = String(describing: error).uppercased()
  return text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST")
}

/// An error in the TLS library's words, without the source paths BoringSSL appends (`at /…/tls_record.cc:127`).
/// BoringSSL's errors become a sentence with their reason codes (TLSErrorWords.swift).
func describeError(_ error: Error) -> String {
  let text = String(describing: error)
  if let words = tlsLibraryWords(text) { return words }
  guard let regex = try? TextPattern(" at /[^\\]\\)]*") else { return text }
  return regex.replacingMatches(in: text, template: "")
}

func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
  bytes.map { hexDigits($0, width: 2) }.joined()
}

/// The first bytes, printable ones as text and the rest as hex, for evidence about non-HTTP answers.
func preview(_ bytes: [UInt8]) -> String {
  let head = bytes.prefix(32)
  let printable = head.allSatisfy {
    (0x20...0x7e).contains($0) || $0 == 0x0d || $0 == 0x0a || $0 == 0x09
  }
  if printable {
    return
      "\"\(String(decoding: head, as: UTF8.self).replacingLiteral("\r\n", with: "\\r\\n"))\""
  }
  return "0x\(hex(head))"
}

extension String {
  /// CONNECT needs host:port even for 443, which hostPort() leaves out.
  func withPortAlways(_ port: Int) -> String { port == 443 ? self + ":443" : self }
}
