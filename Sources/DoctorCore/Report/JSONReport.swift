import BuildInfo

/// `--format json`: the schema of CONTRACT.md (schema 1), extended only with keys a script may ignore.
public enum JSONReport {
  public static func render(_ r: Report) -> String {
    object(r).serialized() + "\n"
  }

  static func object(_ r: Report) -> JSONValue {
    .object([
      ("schema", .int(1)),
      (
        "registry",
        .object([
          ("input", .string(redactSecrets(r.registry.input))),
          ("loginServer", .string(r.registry.loginServer)),
          ("dataEndpoints", .array(r.registry.dataEndpoints.map { .string($0) })),
        ])
      ),
      ("language", .string(r.language.rawValue)),
      ("symptoms", .array(r.symptoms.map { .string($0.rawValue) })),
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
      ("stoppedAsNotNeeded", .array(r.stoppedProbes.map { .string($0) })),
      // Which build wrote this report ("0.9.0 (3f2a1c9d0b7e)"), for a report attached to a ticket.
      ("regdoctorVersion", .string(BuildInfo.versionAndCommit)),
    ])
  }

  static func probe(_ p: ProbeResult) -> JSONValue {
    var details: [(String, JSONValue)] = []
    for d in p.details where !details.contains(where: { $0.0 == d.key }) {
      details.append((d.key, .string(redactSecrets(d.value))))
    }
    var pairs: [(String, JSONValue)] = [
      ("id", .string(p.id)),
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
      ("title", .string(f.title)),
      ("why", .string(f.why)),
      ("evidence", .array(f.evidence.map { .string(redactSecrets($0)) })),
      ("probes", .array(f.probeIDs.map { .string($0) })),
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
