import Dispatch
import DoctorCore
import FoundationEssentials

/// The wire view: asks each nameserver directly over UDP for A and AAAA, like `dig @server`, so the report can
/// show the CNAME chain, the TTLs and which server said what — things getaddrinfo hides.
public enum WireResolver {
  /// glibc's defaults (resolv.conf `options timeout:5 attempts:2`).
  public static let defaultAttemptTimeout: Double = 5
  public static let defaultAttempts = 2

  /// Asks every nameserver in parallel and reports the answer of the first one, in the given (resolv.conf)
  /// order, that answered at all. Returns by `context.deadline` at the latest.
  public static func query(
    _ host: String, nameservers: [String], context: ProbeContext,
    attemptTimeout: Double = defaultAttemptTimeout
  ) -> WireLookup {
    let start = DispatchTime.now()
    let answers = askAll(host, nameservers: nameservers, attemptTimeout: attemptTimeout, context: context)
    let attempts = answers.map(\.attempt)
    let ms = elapsedMs(since: start)
    if let first = answers.first(where: \.answered) {
      return WireLookup(
        outcome: first.attempt.outcome, answeredBy: first.attempt.server, cnames: first.chain.cnames,
        addresses: first.chain.addresses, attempts: attempts, ms: ms)
    }
    // Nobody answered: refused connections everywhere is an error; any silence makes it a timeout.
    let allFailedHard = !attempts.isEmpty && attempts.allSatisfy { $0.outcome == .error }
    return WireLookup(
      outcome: allFailedHard || attempts.isEmpty ? .error : .timeout, answeredBy: nil, cnames: [], addresses: [],
      attempts: attempts, ms: ms)
  }

  /// One nameserver's answer, with the chain it gave.
  struct ServerAnswer: Sendable {
    var attempt: NameserverAttempt
    /// A DNS message came back (NOERROR, NXDOMAIN, SERVFAIL, REFUSED...), whatever it said.
    var answered: Bool
    var chain: CNAMEChainResult
  }

  /// The parts of a `CNAMEChain` the lookup reports.
  struct CNAMEChainResult: Sendable {
    var cnames: [CNAMERecord] = []
    var addresses: [AddressRecord] = []
  }

  /// Every server on its own thread; results in the order of `nameservers`.
  static func askAll(
    _ host: String, nameservers: [String], attemptTimeout: Double, context: ProbeContext
  ) -> [ServerAnswer] {
    let start = DispatchTime.now()
    let results = LockedSlots<ServerAnswer>(count: nameservers.count)
    let group = DispatchGroup()
    for (index, server) in nameservers.enumerated() {
      runBlocking("dns.wire.\(server)", group: group) {
        results.set(index, ask(host, server: server, attemptTimeout: attemptTimeout, context: context))
      }
    }
    // Every exchange stops itself at the deadline; the small grace lets a thread that just got its answer store it.
    _ = group.wait(timeout: context.deadline + .milliseconds(50))
    return nameservers.enumerated().map { index, server in
      results.get(index)
        ?? ServerAnswer(
          attempt: NameserverAttempt(
            server: server, outcome: .timeout, ms: elapsedMs(since: start), error: "no answer"),
          answered: false, chain: CNAMEChainResult())
    }
  }

  /// A and AAAA from one server: UDP with one retry, TCP for a truncated answer.
  static func ask(_ host: String, server: String, attemptTimeout: Double, context: ProbeContext) -> ServerAnswer {
    let start = DispatchTime.now()
    func finish(_ outcome: DNSOutcome, answered: Bool, chain: CNAMEChainResult = .init(), error: String? = nil)
      -> ServerAnswer
    {
      ServerAnswer(
        attempt: NameserverAttempt(server: server, outcome: outcome, ms: elapsedMs(since: start), error: error),
        answered: answered, chain: chain)
    }
    guard let address = NameserverAddress(server) else {
      return finish(.error, answered: false, error: "not a nameserver address: \(server)")
    }
    let types: [DNSRecordType] = [.a, .aaaa]
    var results = DNSTransport.udp(
      server: address, name: host, types: types, attempts: defaultAttempts, attemptTimeout: attemptTimeout,
      context: context)
    for type in types where results[type] == .truncated {
      let end = min(context.deadline, .now() + attemptTimeout)
      results[type] = DNSTransport.tcp(server: address, name: host, type: type, until: end, context: context)
    }
    return combine(host, results: types.map { ($0, results[$0] ?? .noAnswer) }, finish: finish)
  }

  /// Turns the A and AAAA exchanges into one outcome, as a person reading both dig outputs would.
  private static func combine(
    _ host: String, results: [(DNSRecordType, DNSExchangeResult)],
    finish: (DNSOutcome, Bool, CNAMEChainResult, String?) -> ServerAnswer
  ) -> ServerAnswer {
    var messages: [(DNSRecordType, DNSMessage)] = []
    var failure: String? = nil
    for (type, result) in results {
      switch result {
      case .answer(let message): messages.append((type, message))
      case .failed(let why): failure = failure ?? why
      case .truncated: failure = failure ?? "truncated answer"
      case .noAnswer: break
      }
    }
    guard !messages.isEmpty else {
      return failure.map { finish(.error, false, .init(), $0) } ?? finish(.timeout, false, .init(), "no answer")
    }
    var chain = CNAMEChainResult()
    for (type, message) in messages {
      let followed = CNAMEChain(from: host, records: message.answers, type: type)
      // An answer, so not a silent server (dns-server-unreachable), and one no resolver gets an address from.
      if let problem = followed.problem { return finish(.cnameLoop, true, .init(cnames: followed.cnames), problem) }
      if chain.cnames.isEmpty { chain.cnames = followed.cnames }
      chain.addresses += followed.addresses
    }
    let codes = messages.map(\.1.rcode)
    if !chain.addresses.isEmpty { return finish(.resolved, true, chain, nil) }
    if codes.contains(DNSResponseCode.nameError.rawValue) { return finish(.nxdomain, true, chain, nil) }
    if codes.contains(DNSResponseCode.serverFailure.rawValue) { return finish(.servfail, true, chain, nil) }
    if codes.contains(DNSResponseCode.refused.rawValue) { return finish(.refused, true, chain, nil) }
    if let odd = codes.first(where: { $0 != DNSResponseCode.noError.rawValue }) {
      return finish(.error, true, chain, "server answered rcode \(odd)")
    }
    return finish(.noData, true, chain, nil)
  }
}

/// Fixed slots filled from several threads.
final class LockedSlots<Value: Sendable>: @unchecked Sendable {
  private let lock = ThreadLock()
  private var slots: [Value?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }
  func get(_ index: Int) -> Value? { lock.withLock { slots[index] } }
}
