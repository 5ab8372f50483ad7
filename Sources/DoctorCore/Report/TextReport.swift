/// `--format text`: what an operator reads on a jump box, plain enough to paste into a chat.
public enum TextReport {
  public static func render(_ r: Report, color: Bool = false) -> String {
    let s = ReportStrings(l: r.language)
    let bold = color ? "\u{1B}[1m" : ""
    let dim = color ? "\u{1B}[2m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    func paint(_ sev: Severity) -> String {
      guard color else { return "" }
      switch sev {
      case .error: return "\u{1B}[31m"
      case .warning: return "\u{1B}[33m"
      case .info: return "\u{1B}[32m"
      }
    }
    var out: [String] = []
    let kind = r.registry.acrName.map { " (ACR \($0))" } ?? ""
    out.append("\(bold)regdoctor — \(r.registry.loginServer)\(kind)\(reset)")
    if !r.registry.dataEndpoints.isEmpty {
      out.append("\(s.dataEndpoints): \(r.registry.dataEndpoints.joined(separator: ", "))")
    }
    let symptoms = r.symptoms.isEmpty ? s.none : r.symptoms.map(\.rawValue).joined(separator: ", ")
    out.append("\(s.symptoms): \(symptoms)")
    out.append("")
    let top = r.findings.first
    out.append(
      "\(bold)\(s.conclusion):\(reset) \(paint(top?.severity ?? .info))\(r.conclusion.finding.rawValue)\(reset)")
    out.append("  \(redactSecrets(r.conclusion.summary))")
    out.append("  \(s.cause): \(r.conclusion.cause.label)")
    out.append("")
    out.append("\(bold)\(s.findings)\(reset)")
    for (i, f) in r.findings.enumerated() {
      out.append(
        "  \(i + 1). \(paint(f.severity))[\(s.severity(f.severity))]\(reset) \(bold)\(f.id.rawValue)\(reset)  \(dim)\(f.cause.label)\(reset)"
      )
      out.append("     \(f.title)")
      if !f.why.isEmpty { out.append(contentsOf: wrap(f.why, indent: "     ")) }
      if !f.evidence.isEmpty {
        out.append("     \(s.evidence):")
        out += f.evidence.map { "       - \(redactSecrets($0))" }
      }
      if !f.remedies.isEmpty {
        out.append("     \(s.remedies):")
        for (j, m) in f.remedies.enumerated() {
          out.append(
            "       \(j + 1)) \(m.title)\(m.changesSomething && !m.commands.isEmpty ? "  [\(s.confirm)]" : "")")
          if !m.steps.isEmpty { out.append(contentsOf: wrap(m.steps, indent: "          ")) }
          out += m.commands.map { "          $ \(redactSecrets($0))" }
        }
      }
    }
    out.append("")
    out.append("\(bold)\(s.probes)\(reset)")
    let idWidth = min(40, r.probes.map(\.id.count).max() ?? 10)
    for p in r.probes {
      let id = p.id.padding(toLength: max(idWidth, p.id.count), withPad: " ", startingAt: 0)
      out.append("  \(p.status.glyph()) \(id)  \(redactSecrets(p.summary))  \(dim)\(formatMs(p.durationMs))\(reset)")
    }
    out.append("")
    let stopped = r.stoppedProbes.isEmpty ? "" : " (\(s.stoppedEarly(r.stoppedProbes.count)))"
    out.append("\(s.elapsed): \(formatMs(r.elapsedMs))\(stopped)")
    return out.joined(separator: "\n") + "\n"
  }

  /// Wraps prose at about 100 columns so paragraphs stay readable in a terminal.
  static func wrap(_ text: String, indent: String, width: Int = 100) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        if !line.isEmpty && line.count + word.count + 1 > width - indent.count {
          lines.append(indent + line)
          line = ""
        }
        line += line.isEmpty ? String(word) : " " + word
      }
      lines.append(indent + line)
    }
    return lines
  }
}
