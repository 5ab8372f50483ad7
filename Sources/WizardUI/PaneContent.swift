import DoctorCore
import FoundationEssentials

/// One line of the drill-down pane, already wrapped to the pane's width.
public struct PaneLine: Sendable, Equatable {
  public var text: String
  public var style: Style
}

extension AppState {
  /// The drill-down pane's lines for the opened node (or the conclusion when none is open), wrapped to `width`.
  func paneLines(width: Int) -> [PaneLine] {
    var out = PaneWriter(width: max(1, width), glyphs: Glyphs(ascii: config.asciiOnly))
    guard let report else {
      out.paragraph(UIText.noReport(language), style: .dim)
      return out.lines
    }
    switch diagnosis.openedNode {
    case nil:
      out.heading(UIText.conclusion(language))
      out.paragraph(report.conclusion.summary)
    case .cause(let cause):
      writeCause(cause, into: &out)
    case .finding(let index):
      guard report.findings.indices.contains(index) else { break }
      writeFinding(report.findings[index], report: report, into: &out)
    case .remedy(let finding, let index):
      guard report.findings.indices.contains(finding), report.findings[finding].remedies.indices.contains(index)
      else { break }
      writeRemedy(report.findings[finding].remedies[index], into: &out)
    case .extra(let node):
      writeExtra(node, into: &out)
    }
    return out.lines
  }

  private func writeCause(_ cause: CauseID, into out: inout PaneWriter) {
    out.title("\(UIText.cause(language)): \(causeTitle(cause))")
    let findings = findingIndices(of: cause)
    if findings.isEmpty {
      out.paragraph(UIText.noFindingsHere(language), style: .dim)
    } else {
      for index in findings { out.item(report?.findings[index].title ?? "") }
    }
    guard let spec = config.causes.first(where: { $0.id == cause }) else { return }
    out.heading(UIText.advice(language))
    out.paragraph(spec.advice(language))
    out.commands(UIText.checks(language), filledChecks(spec.checks))
  }

  private func writeFinding(_ finding: Finding, report: Report, into out: inout PaneWriter) {
    let glyphs = Glyphs(ascii: config.asciiOnly)
    out.title(
      "\(glyphs.severity(finding.severity)) \(finding.title)", style: severityStyle(finding.severity, bold: true))
    out.paragraph(
      "\(UIText.finding(language)): \(finding.id.rawValue)  \(UIText.severity(language)): \(severityName(finding.severity))",
      style: .dim)
    out.heading(UIText.why(language))
    out.paragraph(finding.why)
    out.items(UIText.evidence(language), finding.evidence)
    if !finding.probeIDs.isEmpty {
      out.heading(UIText.probesItRestsOn(language))
      for id in finding.probeIDs {
        guard let probe = report.probes.first(where: { $0.id == id }) else {
          out.item("\(id) \(UIText.probeNotInReport(language))")
          continue
        }
        writeProbe(probe, into: &out)
      }
    }
    if !finding.remedies.isEmpty {
      out.heading(UIText.remedies(language))
      for (n, remedy) in finding.remedies.enumerated() { out.paragraph("\(n + 1). \(remedy.title)") }
    }
  }

  /// One probe in full: status, id and target, its summary, its timings and every detail.
  func writeProbe(_ probe: DescribedProbe, into out: inout PaneWriter) {
    let glyphs = Glyphs(ascii: config.asciiOnly)
    out.line(
      "\(glyphs.status(probe.status)) \(probe.id)  \(probe.target)", style: statusStyle(probe.status, bold: true))
    out.paragraph(probe.summary, indent: 2)
    if !probe.phases.isEmpty {
      out.paragraph("\(UIText.phases(language)): \(phaseSummary(probe.phases))", indent: 2, style: .dim)
    }
    for detail in probe.details { out.paragraph("\(detail.key): \(detail.value)", indent: 2) }
  }

  func writeRemedy(_ remedy: Remedy, into out: inout PaneWriter) {
    out.title("\(UIText.remedy(language)): \(remedy.title)")
    out.heading(UIText.steps(language))
    out.paragraph(remedy.steps)
    out.commands(UIText.commands(language), remedy.commands)
    if remedy.changesSomething && !remedy.commands.isEmpty {
      out.paragraph(UIText.changesSomething(language), style: .fg(.warning, bold: true))
    }
    if !remedy.commands.isEmpty { out.paragraph(UIText.runHint(language), style: .dim) }
  }

  /// A cause's check commands with the target's values (`templateVars`) filled in, through the runbook's
  /// shell-safe filler: a command that needs a value the wizard does not have (or an unsafe one) is left out.
  func filledChecks(_ templates: [String]) -> [String] {
    Runbook.fillCommands(templates, vars: templateVars)
  }

  func severityName(_ severity: Severity) -> String {
    switch severity {
    case .error: return UIText.severityError(language)
    case .warning: return UIText.severityWarning(language)
    case .info: return UIText.severityInfo(language)
    }
  }
}

func severityStyle(_ severity: Severity, bold: Bool = false) -> Style {
  switch severity {
  case .error: return .fg(.error, bold: bold)
  case .warning: return .fg(.warning, bold: bold)
  case .info: return .fg(.accent, bold: bold)
  }
}

func statusStyle(_ status: ProbeStatus, bold: Bool = false) -> Style {
  switch status {
  case .pass: return .fg(.ok, bold: bold)
  case .warn: return .fg(.warning, bold: bold)
  case .fail, .error: return .fg(.error, bold: bold)
  case .skip: return Style(fg: .muted, bold: bold, dim: true)
  }
}

/// Builds wrapped pane lines: titles, headings, paragraphs, bullet items and commands.
struct PaneWriter {
  let width: Int
  let glyphs: Glyphs
  var lines: [PaneLine] = []

  mutating func title(_ text: String, style: Style = .bold) {
    for l in wrap(text, width: width) { lines.append(PaneLine(text: l, style: style)) }
  }
  mutating func heading(_ text: String) {
    lines.append(PaneLine(text: "", style: .plain))
    lines.append(PaneLine(text: text, style: .fg(.accent, bold: true)))
  }
  mutating func line(_ text: String, style: Style) {
    lines.append(PaneLine(text: truncate(text, width: width, ascii: glyphs.ascii), style: style))
  }
  mutating func paragraph(_ text: String, indent: Int = 0, style: Style = .plain) {
    let prefix = String(repeating: " ", count: indent)
    for l in wrap(text, width: max(1, width - indent)) { lines.append(PaneLine(text: prefix + l, style: style)) }
  }
  mutating func item(_ text: String) {
    for (n, l) in wrap(text, width: max(1, width - 2)).enumerated() {
      lines.append(PaneLine(text: (n == 0 ? glyphs.bullet + " " : "  ") + l, style: .plain))
    }
  }
  /// A heading and its bullet items; nothing at all when there is no item.
  mutating func items(_ heading: String, _ texts: [String]) {
    guard !texts.isEmpty else { return }
    self.heading(heading)
    for text in texts { item(text) }
  }
  /// A heading and its commands; nothing at all when there is no command.
  mutating func commands(_ heading: String, _ commands: [String]) {
    guard !commands.isEmpty else { return }
    self.heading(heading)
    for text in commands { command(text) }
  }
  /// A command is shown whole (hard-wrapped, never truncated) so it can be copied exactly.
  mutating func command(_ text: String) {
    for (n, l) in wrap(text, width: max(1, width - 2)).enumerated() {
      lines.append(PaneLine(text: (n == 0 ? "$ " : "  ") + l, style: .fg(.ok)))
    }
  }
}
