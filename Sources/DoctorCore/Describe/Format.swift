import FoundationEssentials

/// `3.1 ms`, `1.25 s`: the way timings read in every report and pane.
public func formatMs(_ ms: Double) -> String {
  if ms >= 1000 { return fixedPoint(ms / 1000, digits: 2) + " s" }
  if ms >= 100 { return fixedPoint(ms, digits: 0) + " ms" }
  return fixedPoint(ms, digits: 1) + " ms"
}

/// `dns 3.1 ms · tcp 12 ms · tls 40 ms · ttfb 80 ms`: curl's phases in short words.
public func formatPhases(_ phases: [PhaseTiming]) -> String {
  phases.map { "\($0.name.shortLabel) \(formatMs($0.ms))" }.joined(separator: " · ")
}

extension PhaseTiming.Name {
  public var shortLabel: String {
    switch self {
    case .namelookup: return "dns"
    case .connect: return "tcp"
    case .proxyconnect: return "proxy"
    case .appconnect: return "tls"
    case .starttransfer: return "ttfb"
    }
  }
  /// curl's `-w` variable, for the JSON report.
  public var curlVariable: String { "time_\(rawValue)" }
}

/// Picks the language's text; a tiny helper so describers read like sentences.
func t(_ language: Language, _ en: String, _ ja: String) -> String { language == .ja ? ja : en }
