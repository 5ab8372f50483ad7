import DoctorCore

/// The symbols the wizard draws, with a plain-ASCII set for terminals that cannot show Unicode.
struct Glyphs {
  let ascii: Bool

  func status(_ status: ProbeStatus) -> String {
    switch status {
    case .pass: return ascii ? "+" : "✔"
    case .fail: return ascii ? "x" : "✖"
    case .warn: return "!"
    case .skip: return ascii ? "-" : "–"
    case .error: return "?"
    }
  }

  func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: return ascii ? "x" : "✖"
    case .warning: return "!"
    case .info: return ascii ? "i" : "ℹ"
    }
  }

  func spinner(_ frame: Int) -> String {
    let frames = ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    return frames[((frame % frames.count) + frames.count) % frames.count]
  }

  var cancelled: String { ascii ? "-" : "–" }
  var expanded: String { ascii ? "v" : "▾" }
  var collapsed: String { ascii ? ">" : "▸" }
  var leaf: String { ascii ? "-" : "→" }
  var bullet: String { ascii ? "*" : "•" }
  var checked: String { "[x]" }
  var unchecked: String { "[ ]" }
  var separator: String { ascii ? ">" : "›" }
  var likely: String { ascii ? "*" : "»" }
}

/// `dns 3ms tcp 12ms tls 40ms ttfb 80ms`: a probe's phases with short names, like curl's -w variables.
func phaseSummary(_ phases: [PhaseTiming]) -> String {
  phases.map { "\($0.name.shortLabel) \(compactMs($0.ms))" }.joined(separator: " ")
}

/// `3ms`, `812ms`, `1.2s`: shorter than reports' `formatMs`, to fit a table column.
func compactMs(_ ms: Double) -> String {
  guard ms.isFinite, ms >= 0 else { return "-" }
  if ms < 1000 { return "\(Int(ms.rounded()))ms" }
  let tenths = Int((ms / 100).rounded())
  return "\(tenths / 10).\(tenths % 10)s"
}
