/// `--format text`: what an operator reads on a jump box, plain enough to paste into a chat.
public enum TextReport {
  /// The report's own styles are written as placeholders while the text is built, so that the whole text can be
  /// freed of control characters (a reason phrase holding `ESC [ ? 1049 h` switched the user's screen) before the
  /// styles, and only they, become escape sequences.
  private static let styles: [(placeholder: String, sgr: String)] = [
    ("\u{E000}", "\u{1B}[1m"), ("\u{E001}", "\u{1B}[2m"), ("\u{E002}", "\u{1B}[0m"), ("\u{E003}", "\u{1B}[31m"),
    ("\u{E004}", "\u{1B}[33m"), ("\u{E005}", "\u{1B}[32m"),
  ]

  public static func render(_ r: Report, color: Bool = false) -> String {
    // Redacted whole as well as field by field: a title or remedy filled from facts is covered too.
    let text = shownText(renderWithPlaceholders(r, color: color))
    return styles.reduce(text) { $0.replacingLiteral($1.placeholder, with: $1.sgr) }
  }

  private static func renderWithPlaceholders(_ r: Report, color: Bool) -> String {
    let s = ReportStrings(l: r.language)
    let bold = color ? styles[0].placeholder : ""
    let dim = color ? styles[1].placeholder : ""
    let reset = color ? styles[2].placeholder : ""
    func paint(_ sev: Severity) -> String {
      guard color else { return "" }
      switch sev {
      case .error: return styles[3].placeholder
      case .warning: return styles[4].placeholder
      case .info: return styles[5].placeholder
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
    if let e = r.errorExplanation {
      out += ExplainReport.evidenceLines(e, language: r.language).map { "  \($0)" }
    }
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
    let idWidth = min(40, r.probes.map(\.id.rawValue.count).max() ?? 10)
    for p in r.probes {
      let id = p.id.rawValue.padded(toLength: max(idWidth, p.id.rawValue.count))
      out.append("  \(p.status.glyph()) \(id)  \(redactSecrets(p.summary))  \(dim)\(formatMs(p.durationMs))\(reset)")
    }
    out.append("")
    let stopped = r.stoppedProbes.isEmpty ? "" : " (\(s.stoppedEarly(r.stoppedProbes.count)))"
    out.append("\(s.elapsed): \(formatMs(r.elapsedMs))\(stopped)")
    return out.joined(separator: "\n") + "\n"
  }

  /// Wraps prose at 100 terminal columns (a Japanese character takes two) so paragraphs stay readable.
  static func wrap(_ text: String, indent: String, width: Int = 100) -> [String] {
    DoctorCore.wrap(text, width: max(1, width - displayWidth(of: indent))).map { indent + $0 }
  }
}
