// After the fix: the same diagnosis again and again until it passes, and what changed between two looks. Pure: the
// loop that runs it lives in the command line; this records, compares and says why a failure may not have healed.

/// One look during a watch.
public struct WatchSample: Sendable, Equatable {
  /// Milliseconds since the watch started.
  public let atMs: Double
  public let conclusion: FindingID
  /// The error findings, ranked: what makes the exit code 1.
  public let failing: [FindingID]
  /// Failing now, not at the look before.
  public let appeared: [FindingID]
  /// Failing at the look before, not now.
  public let cleared: [FindingID]
  /// Why a failure may still be there although it was fixed (a cached DNS answer, a daemon not restarted).
  public let stillHeldBy: [String]
  /// The probes this look re-ran (the roots of their trees: `dns.login-server` runs its TCP, TLS and HTTP again);
  /// nil when it ran the whole diagnosis.
  public var rerun: [ProbeID]? = nil
  /// How long the look took (its report's elapsed time).
  public var lookMs: Double = 0

  public var healed: Bool { failing.isEmpty }
  public var exitCode: Int32 { healed ? 0 : 1 }
}

/// Every look of one watch, the first report and the last.
public struct WatchLog: Sendable {
  public private(set) var samples: [WatchSample] = []
  public private(set) var first: Report?
  public private(set) var last: Report?

  public init() {}

  /// Records one diagnosis; returns its sample. `rerun`: the probes the look re-ran, nil for the whole diagnosis;
  /// `heldBy`: why a failure may outlive its fix that the look's facts cannot say (a caching daemon on the machine).
  @discardableResult
  public mutating func record(
    _ report: Report, atMs: Double, rerun: [ProbeID]? = nil, heldBy: [String] = []
  ) -> WatchSample {
    let failing = report.findings.filter { $0.severity == .error }.map(\.id)
    let before = samples.last?.failing ?? []
    let sample = WatchSample(
      atMs: atMs, conclusion: report.conclusion.finding, failing: failing,
      appeared: samples.isEmpty ? [] : failing.filter { !before.contains($0) },
      cleared: before.filter { !failing.contains($0) },
      stillHeldBy: sampleHeldBy(report, heldBy), rerun: rerun, lookMs: report.elapsedMs)
    samples.append(sample)
    if first == nil { first = report }
    last = report
    return sample
  }

  /// The look's own reasons, and the machine's caches when a failing finding rests on a DNS answer.
  private func sampleHeldBy(_ report: Report, _ caches: [String]) -> [String] {
    let failing = Set(report.findings.filter { $0.severity == .error }.map(\.id))
    let answerFailing = !failing.isDisjoint(with: Self.answerFindings.union(Self.missingNameFindings))
    return Self.stillHeldBy(report) + (answerFailing ? caches : [])
  }

  /// Failures that rest on the addresses a name resolved to: a cache may still hand out the old ones.
  static let answerFindings: Set<FindingID> = [
    .privateEndpointDNSPublicIP, .dataEndpointDNSNotPrivate, .hostsFileOverride, .privateEndpointUnreachable,
    .tcpConnectTimeout, .tcpConnectRefused, .dataEndpointUnreachable,
  ]
  /// Failures that rest on a name not found: a cache may still hold the negative answer.
  static let missingNameFindings: Set<FindingID> = [
    .loginServerDNSFailure, .dataEndpointDNSFailure, .privateEndpointDNSMissingRecord,
  ]

  /// The look at which the diagnosis passed, if it did.
  public var healedAt: WatchSample? { samples.first { $0.healed } }

  /// What the machine can know about why a failure outlives its fix: a resolver still holding the answer it gave
  /// (its TTL says for how long at most), a Docker daemon that keeps the proxy it was started with.
  static func stillHeldBy(_ report: Report) -> [String] {
    let failing = Set(report.findings.filter { $0.severity == .error }.map(\.id))
    var reasons: [String] = []
    for probe in report.probes {
      guard case .dns(let dns) = probe.facts, let wire = dns.wire, wire.outcome == .resolved else { continue }
      guard !failing.isDisjoint(with: answerFindings) else { continue }
      let ttls = wire.cnames.map(\.ttl) + wire.addresses.map(\.ttl)
      guard let ttl = ttls.max(), ttl > 0 else { continue }
      let by = wire.answeredBy.map { " at \($0)" } ?? ""
      reasons.append("\(dns.endpoint.host): the answer cached\(by) may be kept up to \(ttl) s more (TTL)")
    }
    // Azure finishing a change matters only while something still fails.
    for probe in report.probes where !failing.isEmpty {
      guard case .azure(let azure) = probe.facts else { continue }
      if let state = azure.provisioningState, state != .succeeded {
        reasons.append(
          "Azure reports the registry as still provisioning (provisioningState \(state)): a network rule or "
            + "endpoint just changed may not apply yet")
      }
      for connection in azure.privateEndpointConnectionsInProgress {
        reasons.append("Azure reports a private endpoint connection in progress (\(connection))")
      }
    }
    if failing.contains(.dockerDaemonProxyMissing) || failing.contains(.dockerDaemonProxyMismatch) {
      reasons.append("the Docker daemon keeps the proxy it was started with: restart it after changing its proxy")
    }
    return reasons
  }
}

extension WatchSample {
  /// `+12.0 s  still failing: tcp-connect-timeout` — one line of the timeline, technical, in any language. It names
  /// hosts and resolvers from outside, so it is shown redacted and with control characters escaped.
  public var line: String { shownText(rawLine, keepNewlines: false) }

  /// Which probes ran: `[re-ran dns.login-server]`; nothing for the whole diagnosis.
  private var scope: String {
    guard let rerun else { return "" }
    return "  [re-ran \(rerun.map(\.rawValue).joined(separator: ", "))]"
  }

  private var rawLine: String {
    let at = "+" + formatMs(atMs)
    if healed {
      let gone = cleared.isEmpty ? "" : " (\(cleared.map(\.rawValue).joined(separator: ", ")) cleared)"
      return "\(at)  healed: \(conclusion.rawValue)\(gone)\(scope)"
    }
    var parts = ["failing: \(failing.map(\.rawValue).joined(separator: ", "))"]
    if !appeared.isEmpty { parts.append("new: \(appeared.map(\.rawValue).joined(separator: ", "))") }
    if !cleared.isEmpty { parts.append("cleared: \(cleared.map(\.rawValue).joined(separator: ", "))") }
    let held = stillHeldBy.isEmpty ? "" : " — \(stillHeldBy.joined(separator: "; "))"
    return "\(at)  \(parts.joined(separator: "; "))\(held)\(scope)"
  }
}
