import Dispatch
import DoctorCore

/// What a puller's path probe knows before it asks: whose path it is and how that puller reaches `e`.
struct PullerWay: Sendable {
  var puller: PullerPathFacts.Puller
  /// The proxy the puller dials for the endpoint (nil: direct), and how its settings decided it.
  var proxy: ProxyURL?
  var decision: ProxyDecision
  var trust: TrustStore
  var trustKind = "system"
  /// Where its settings were read (for evidence).
  var source: String
  var skipVerify = false
}

extension ProbePlan {
  /// The registry asked the way a puller asks it (`puller.<puller>.<endpoint>`), shared by the Docker daemon, the
  /// pullers found on the machine and a pasted error's proxy. `prepare` may learn more before the request (the
  /// proxy the running daemon really dials) and returns the proxy to dial; setting `notTried` skips the request.
  func pullerPathTask(
    _ way: PullerWay, _ e: Endpoint, title: String, target: String? = nil, requestPath path: String,
    prepare: @escaping @Sendable (inout PullerPathFacts) -> ProxyURL? = { _ in nil }
  ) -> ProbeTask {
    let id = ProbeID.pullerPath(way.puller, e)
    let expects = PendingFacts([.pullerPath], endpoint: e.label)
    return ProbeTask(id: id, title: title, target: target ?? e.hostPort, expects: expects) { ctx in
      let start = DispatchTime.now()
      var facts = PullerPathFacts(
        puller: way.puller, endpoint: e, proxyURL: way.proxy?.redacted, source: way.source,
        trust: way.trust.source, trustKind: way.trustKind,
        bypassedBy: way.proxy == nil ? way.decision.bypassedBy : nil)
      facts.skipVerify = way.skipVerify
      let proxy = prepare(&facts) ?? way.proxy
      if facts.notTried == nil {
        facts.record(
          HTTPSProbe.run(
            endpoint: e, address: nil, proxy: proxy, requestPath: path, trust: way.trust, context: ctx,
            decision: way.decision))
      }
      return ProbeOutput(describe(id, e.hostPort, start, .pullerPath(facts)))
    }
  }
}
