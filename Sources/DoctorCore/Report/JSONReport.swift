import BuildInfo

/// `--format json`: the schema of CONTRACT.md (schema 1), extended only with keys a script may ignore.
public enum JSONReport {
  public static func render(_ r: Report) -> String {
    object(r).serialized() + "\n"
  }

  /// A watch's last report, with the first state and the timeline under `watch`.
  public static func render(_ r: Report, watch: WatchLog) -> String {
    guard case .object(var pairs) = object(r) else { return render(r) }
    pairs.append(("watch", watchObject(watch)))
    return JSONValue.object(pairs).serialized() + "\n"
  }

  static func watchObject(_ w: WatchLog) -> JSONValue {
    .object([
      ("healed", .bool(w.healedAt != nil)),
      ("healedAtMs", w.healedAt.map { .number($0.atMs) } ?? .null),
      (
        "first",
        .object([
          ("conclusion", .string(w.first?.conclusion.finding.rawValue ?? "")),
          ("failing", .array((w.samples.first?.failing ?? []).map { .string($0.rawValue) })),
        ])
      ),
      (
        "timeline",
        .array(
          w.samples.map { s in
            .object([
              ("atMs", .number(s.atMs)),
              ("conclusion", .string(s.conclusion.rawValue)),
              ("failing", .array(s.failing.map { .string($0.rawValue) })),
              ("appeared", .array(s.appeared.map { .string($0.rawValue) })),
              ("cleared", .array(s.cleared.map { .string($0.rawValue) })),
              ("stillHeldBy", .array(s.stillHeldBy.map { .string(redactSecrets($0)) })),
              // The probes the look re-ran; null when it ran the whole diagnosis.
              ("lookMs", .number(s.lookMs)),
              ("rerun", s.rerun.map { .array($0.map { .string(redactSecrets($0.rawValue)) }) } ?? .null),
            ])
          })
      ),
    ])
  }

  static func object(_ r: Report) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("schema", .int(1)),
      (
        "registry",
        .object([
          ("input", .string(redactSecrets(r.registry.input))),
          ("loginServer", .string(r.registry.loginServer)),
          ("dataEndpoints", .array(r.registry.dataEndpoints.map { .string($0) })),
          ("blobHosts", blobHosts(r)),
        ])
      ),
      ("language", .string(r.language.rawValue)),
      ("symptoms", .array(r.symptoms.map { .string($0.rawValue) })),
      ("pullers", pullers(r)),
      ("probes", .array(r.probes.map(probe))),
      ("findings", .array(r.findings.map(finding))),
      (
        "conclusion",
        .object([
          ("finding", .string(r.conclusion.finding.rawValue)),
          ("cause", .string(r.conclusion.cause.rawValue)),
          ("summary", .string(redactSecrets(r.conclusion.summary))),
        ])
      ),
      ("elapsedMs", .number(r.elapsedMs)),
      ("stoppedAsNotNeeded", .array(r.stoppedProbes.map { .string($0.rawValue) })),
      // Which build wrote this report ("0.9.0 (3f2a1c9d0b7e)"), for a report attached to a ticket.
      ("regdoctorVersion", .string(BuildInfo.versionAndCommit)),
    ]
    // What --error said, only when it was given (an addition to schema 1).
    if let e = r.errorExplanation { pairs.append(("errorFacts", ExplainReport.errorFacts(e))) }
    return .object(pairs)
  }

  static func probe(_ p: DescribedProbe) -> JSONValue {
    var details: [(String, JSONValue)] = []
    for d in p.details where !details.contains(where: { $0.0 == d.key }) {
      details.append((d.key, .string(redactSecrets(d.value))))
    }
    var pairs: [(String, JSONValue)] = [
      ("id", .string(p.id.rawValue)),
      ("target", .string(p.target)),
      ("status", .string(p.status.rawValue)),
      ("durationMs", .number(p.durationMs)),
      ("summary", .string(redactSecrets(p.summary))),
      ("details", .object(details)),
    ]
    if !p.phases.isEmpty {
      pairs.append(("timings", .object(p.phases.map { ($0.name.curlVariable, .number($0.ms)) })))
    }
    return .object(pairs)
  }

  static func finding(_ f: Finding) -> JSONValue {
    .object([
      ("id", .string(f.id.rawValue)),
      ("cause", .string(f.cause.rawValue)),
      ("severity", .string(f.severity.rawValue)),
      ("title", .string(redactSecrets(f.title))),
      ("why", .string(redactSecrets(f.why))),
      ("evidence", .array(f.evidence.map { .string(redactSecrets($0)) })),
      ("probes", .array(f.probeIDs.map { .string($0.rawValue) })),
      (
        "remedies",
        .array(
          f.remedies.map { m in
            .object([
              ("title", .string(m.title)),
              ("steps", .string(m.steps)),
              ("commands", .array(m.commands.map { .string(redactSecrets($0)) })),
              ("changesSomething", .bool(m.changesSomething)),
            ])
          })
      ),
    ])
  }
}
