import Dispatch
import DoctorCore

/// After the login server's `/v2/` answered, the manifest of a repository that does not exist, anonymously, on the
/// same path (direct to the address that connected, or through the same proxy): the first request of every pull
/// beyond `/v2/`. A gateway whose routes for repository paths lead to a dead upstream answers it 5xx while `/v2/`
/// is fine (registry-server-error); a registry answers 401 or 404. One more request, only once `/v2/` answered.
extension ProbePlan {
  /// The task, when `answer` is the login server's `/v2/` and the registry (not a gateway failing) answered it.
  func absentRepositoryTask(
    after answer: HTTPFacts?, _ e: Endpoint, address: ResolvedAddress?, proxy: ProxyURL?, decision: ProxyDecision?,
    trust: TrustStore
  ) -> ProbeTask? {
    guard e.role == .loginServer, let answer, answer.outcome == .response, let code = answer.statusCode, code < 500
    else { return nil }
    let id = ProbeID.absentRepository(e, viaProxy: proxy != nil)
    let expects = PendingFacts([.http], endpoint: e.label, directOnly: proxy == nil)
    return ProbeTask(id: id, title: "HTTP \(e.label) repository path", target: e.hostPort, expects: expects) { ctx in
      let start = DispatchTime.now()
      let x = HTTPSProbe.run(
        endpoint: e, address: address?.ip, proxy: proxy, requestPath: HTTPFacts.absentRepositoryPath, trust: trust,
        context: ctx, decision: decision)
      // No HTTP answer this time (the handshake failed): nothing about the repository paths was learnt.
      return ProbeOutput(describe(id, e.hostPort, start, x.http.map { ProbeFacts.http($0) } ?? ProbeFacts.none))
    }
  }
}
