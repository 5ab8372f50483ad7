/// `--format markdown`: for a ticket. Commands in fenced blocks so they copy cleanly.
public enum MarkdownReport {
  /// A watch for a ticket: before and after (the first state, the timeline), then the last report in full.
  public static func render(_ r: Report, watch: WatchLog) -> String {
    let s = ReportStrings(l: r.language)
    var out = ["# regdoctor: \(r.registry.loginServer) — \(s.watch)", ""]
    if let first = watch.first {
      out.append(
        "- **\(s.watchFirst)**: `\(first.conclusion.finding.rawValue)` (\(escape(redactSecrets(first.conclusion.summary))))"
      )
    }
    out.append(
      "- **\(s.watchLast)**: `\(r.conclusion.finding.rawValue)` (\(escape(redactSecrets(r.conclusion.summary))))")
    out.append("")
    out.append("| | \(s.watchTimeline) |")
    out.append("|---|---|")
    for sample in watch.samples {
      out.append("| \(sample.healed ? "✔" : "✖") | \(escape(redactSecrets(sample.line))) |")
    }
    out.append("")
    // The head of a watch is outside text too (conclusions, hosts): shown as the rest of the report is.
    return shownText(out.joined(separator: "\n") + "\n") + render(r)
  }

  public static func render(_ r: Report) -> String {
    let s = ReportStrings(l: r.language)
    var out: [String] = []
    out.append("# regdoctor: \(r.registry.loginServer)")
    out.append("")
    out.append("- **\(s.registry)**: `\(r.registry.loginServer)`\(r.registry.acrName.map { " (ACR `\($0)`)" } ?? "")")
    if !r.registry.dataEndpoints.isEmpty {
      out.append("- **\(s.dataEndpoints)**: \(r.registry.dataEndpoints.map { "`\($0)`" }.joined(separator: ", "))")
    }
    let symptoms = r.symptoms.isEmpty ? s.none : r.symptoms.map(\.rawValue).joined(separator: ", ")
    out.append("- **\(s.symptoms)**: \(symptoms)")
    if let e = r.errorExplanation {
      out += ExplainReport.evidenceLines(e, language: r.language).map { "  - \(escape($0))" }
    }
    let stopped = r.stoppedProbes.isEmpty ? "" : " (\(s.stoppedEarly(r.stoppedProbes.count)))"
    out.append("- **\(s.elapsed)**: \(formatMs(r.elapsedMs))\(stopped)")
    out.append("")
    out.append("## \(s.conclusion)")
    out.append("")
    out.append(
      "**`\(r.conclusion.finding.rawValue)`** (\(r.conclusion.cause.label)): \(escape(redactSecrets(r.conclusion.summary)))"
    )
    out.append("")
    out.append("## \(s.findings)")
    for (i, f) in r.findings.enumerated() {
      out.append("")
      out.append("### \(i + 1). \(escape(f.title))")
      out.append("")
      out.append("`\(f.id.rawValue)` · \(s.severity(f.severity)) · \(f.cause.label)")
      out.append("")
      if !f.why.isEmpty {
        out.append(escape(f.why))
        out.append("")
      }
      if !f.evidence.isEmpty {
        out.append("**\(s.evidence)**")
        out.append("")
        out += f.evidence.map { "- `\(redactSecrets($0).replacingLiteral("`", with: "'"))`" }
        out.append("")
      }
      if !f.remedies.isEmpty {
        out.append("**\(s.remedies)**")
        out.append("")
        for (j, m) in f.remedies.enumerated() {
          out.append(
            "\(j + 1). **\(escape(m.title))**\(m.changesSomething && !m.commands.isEmpty ? " — _\(s.confirm)_" : "")")
          if !m.steps.isEmpty { out.append("   \(escape(m.steps))") }
          if !m.commands.isEmpty {
            out.append("   ```sh")
            out += m.commands.map { "   \(redactSecrets($0))" }
            out.append("   ```")
          }
        }
      }
    }
    out.append("")
    out.append("## \(s.probes)")
    out.append("")
    out.append("| | probe | result | time |")
    out.append("|---|---|---|---|")
    for p in r.probes {
      out.append(
        "| \(p.status.rawValue) | `\(p.id)` | \(escape(redactSecrets(p.summary))) | \(formatMs(p.durationMs)) |")
    }
    // Last, over everything: no secret and no control character from a server or a file reaches the ticket.
    return shownText(out.joined(separator: "\n") + "\n")
  }

  /// Keeps table cells and prose from turning into Markdown they did not mean.
  static func escape(_ s: String) -> String {
    s.replacingLiteral("|", with: "\\|").replacingLiteral("\n", with: " ")
  }
}
