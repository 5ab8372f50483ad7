// Evidence lines built from facts: technical English, the same in every report language (CONTRACT: "probe ids or
// facts"). The probe summaries' English wording comes from here too, so a fact is phrased once.

enum Evidence {
  static func tcp(_ f: TCPFacts) -> String {
    let hp = hostPort(f.address.ip, f.endpoint.port)
    switch f.outcome {
    case .connected: return "\(hp) connected in \(formatMs(f.ms))"
    case .refused: return "\(hp) refused the connection"
    case .timeout: return "\(hp) did not answer (SYN unanswered for \(formatMs(f.ms)))"
    case .unreachable: return "\(hp) unreachable (no route / ICMP unreachable)"
    case .error: return "\(hp) connect error: \(f.error ?? "?")"
    }
  }

  static func tls(_ f: TLSFacts) -> String {
    let issuer = f.chain.first?.issuer ?? "?"
    switch f.outcome {
    case .verified: return "verified, issuer \(issuer), \(formatMs(f.handshakeMs))"
    case .untrusted: return "untrusted chain, issuer \(issuer)"
    case .nameMismatch: return "certificate is not for \(f.endpoint.host)"
    case .expired: return "certificate expired or not yet valid"
    case .handshakeFailed: return "TLS handshake failed: \(f.reason ?? "?")"
    case .timeout: return "TLS handshake did not finish in time"
    }
  }

  /// `issuer CN=…` of the leaf, or `no certificate`.
  static func issuer(_ f: TLSFacts) -> String { f.chain.first.map { "issuer \($0.issuer)" } ?? "no certificate" }

  static func http(_ f: HTTPFacts) -> String {
    let line = "GET \(f.requestPath)"
    switch f.outcome {
    case .timeout: return "\(line): no answer in time (awaiting headers)"
    case .closed: return "\(line): connection closed before an answer"
    case .malformed where f.headTooLarge: return "\(line): response head too large (over 64 KiB of headers)"
    case .malformed: return "\(line): answer is not valid HTTP"
    case .response:
      let text = "\(line) -> \(f.statusCode ?? 0) \(f.reasonPhrase ?? "")"
      if f.statusCode == 401, let challenge = f.challenge { return "\(text), auth challenge \(challenge.scheme)" }
      if f.statusCode == 403, let ip = f.errorBody?.deniedClientIP { return "\(text): client IP \(ip) not allowed" }
      return text
    }
  }

  static func proxy(_ f: ProxyFacts) -> String {
    let target = "CONNECT \(f.endpoint.hostPort)"
    switch f.outcome {
    case .established: return "\(target) via \(f.proxyURL): \(f.statusLine ?? "200")"
    case .denied: return "\(target) denied: \(f.statusLine ?? "?")"
    case .closed: return "proxy closed the connection (proxyconnect tcp: EOF)"
    case .unreachable: return "proxy \(f.proxyURL) unreachable"
    case .schemeMismatch: return "proxy URL scheme does not match the proxy (\(f.error ?? ""))"
    case .timeout: return "proxy did not answer CONNECT in time"
    case .malformed: return "proxy answered something that is not HTTP"
    }
  }

  /// `NXDOMAIN (…)`: how the system lookup failed.
  static func lookupFailure(_ s: SystemLookup) -> String {
    if let e = s.error, !e.isEmpty { return "\(s.outcome.rawValue) (\(e))" }
    return s.outcome.rawValue
  }

  /// A name that does not resolve: the system's answer, then the wire's and who gave it.
  static func unresolved(_ p: ProbeResult, _ d: DNSFacts) -> [String] {
    var lines = ["\(p.id): \(d.endpoint.host) \(lookupFailure(d.system))"]
    if let w = d.wire { lines.append("wire: \(w.outcome.rawValue)\(w.answeredBy.map { " from \($0)" } ?? "")") }
    return lines
  }

  /// The CNAME chain as the wire saw it, when the wire view ran.
  static func chain(_ p: ProbeResult, _ d: DNSFacts) -> String? { d.wire.map { "\(p.id): \($0.chainText)" } }

  /// A chain that loops: the links as the wire saw them, and where it closed.
  static func cnameLoop(_ p: ProbeResult, _ d: DNSFacts) -> [String] {
    let problem = d.wire?.attempts.first { $0.outcome == .cnameLoop }?.error ?? "CNAME loop"
    return [chain(p, d), "\(p.id): \(problem)", "\(p.id): \(d.endpoint.host) \(lookupFailure(d.system))"]
      .compactMap { $0 }
  }

  static func privateLinkMissing(_ p: ProbeResult, _ d: DNSFacts) -> [String] {
    [chain(p, d), "\(p.id): the privatelink name has no address (\(d.system.outcome.rawValue))"].compactMap { $0 }
  }

  /// One line per address tried on the direct path.
  static func connects(_ v: EndpointView) -> [String] { v.tcp.map { "\($0.0.id): \(tcp($0.1))" } }

  /// What a healthy diagnosis rests on: the registry's answer on the client's path and how many probes passed.
  static func healthy(_ input: DiagnosisInput, as id: FindingID) -> FindingDraft {
    let login = input.loginServer
    var evidence: [String] = []
    if let (p, h) = login?.clientHTTP {
      evidence.append("\(p.id): \(http(h))")
      if let realm = h.challenge?.realm { evidence.append("token realm: \(realm)") }
    }
    let passed = input.probes.filter { $0.status == .pass }.count
    evidence.append("\(passed) of \(input.probes.count) probes passed")
    return FindingDraft(id: id, evidence: evidence, probeIDs: login?.clientHTTP.map { [$0.0.id] } ?? [])
  }
}
