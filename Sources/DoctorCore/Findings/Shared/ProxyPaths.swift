// What the proxy findings share: the tunnel that failed, and the shell's working proxy the daemon lacks.

enum ProxyFailure {
  /// One draft per endpoint whose proxy (the one Go or curl would use) failed with one of these outcomes.
  static func drafts(_ input: DiagnosisInput, outcomes: Set<ProxyConnectOutcome>, as id: FindingID) -> [FindingDraft] {
    input.endpoints.compactMap { e in
      guard let (p, f) = input.view(e).proxy, f.decision.go != nil || f.decision.curl != nil,
        outcomes.contains(f.outcome)
      else { return nil }
      var evidence = ["\(p.id): \(Evidence.proxy(f))"]
      if let line = f.statusLine { evidence.append("status line: \(line)") }
      if let err = f.error { evidence.append("error: \(err)") }
      // Direct was probed too: whether the registry answers without the proxy is the other half of the evidence
      // ("the proxy fails, direct would work": NO_PROXY or no proxy is then a way out).
      let view = input.view(e)
      var probeIDs = [p.id]
      if view.directWorks, let (hp, h) = view.directHTTP {
        evidence.append("\(hp.id): without the proxy the registry answers: \(Evidence.http(h)) (direct would work)")
        probeIDs.append(hp.id)
      } else if view.directBlocked {
        let outcomes = view.tcp.map { "\($0.0.id) \($0.1.outcome.rawValue)" }.joined(separator: ", ")
        evidence.append("without the proxy: \(outcomes) (direct is blocked too)")
      }
      return FindingDraft(id: id, evidence: evidence, probeIDs: probeIDs, vars: [.host: e.host, .proxy: f.proxyURL])
    }
  }
}

enum DaemonProxy {
  /// The shell reaches the login server only through its proxy (direct is blocked or the name does not resolve),
  /// and a Docker daemon answers: then the daemon, which makes the pull, needs a working proxy too.
  static func shellNeedsProxy(_ input: DiagnosisInput) -> (EndpointView, ProbeResult, ProxyFacts)? {
    guard let (_, d) = input.dockerDaemon, d.reachable, let login = input.loginServer,
      let (pp, shellProxy) = login.proxy, login.proxyWorks, login.directBlocked || !login.resolved
    else { return nil }
    return (login, pp, shellProxy)
  }

  /// Whether the daemon-proxy findings could still be decided: a daemon answers (or is still being asked) and the
  /// shell's proxy to the login server works (or is still being tried).
  static func mayStillNeedProxy(_ input: DiagnosisInput, _ pending: [PendingFacts]) -> Bool {
    let daemonPending = pending.contains { $0.kinds.contains(.dockerDaemon) }
    let proxyPending = pending.contains { p in
      p.kinds.contains(.proxy) && (p.endpoint == nil || p.endpoint == EndpointRole.loginServer.rawValue)
    }
    let daemonAnswers = input.dockerDaemon?.1.reachable ?? false
    let shellProxyWorks = input.loginServer?.proxyWorks ?? false
    return (daemonPending || daemonAnswers) && (proxyPending || shellProxyWorks)
  }

  /// `host:port` of a proxy URL, ignoring scheme and credentials, to compare two spellings of the same proxy.
  static func endpoint(_ url: String) -> String {
    var s = Substring(url.lowercased())
    if let r = s.literalRange(of: "://") { s = s[r.upperBound...] }
    if let at = s.lastIndex(of: "@") { s = s[s.index(after: at)...] }
    return String(s.split(separator: "/").first ?? s)
  }
}
