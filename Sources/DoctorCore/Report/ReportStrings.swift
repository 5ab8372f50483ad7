/// The few words reports use around the runbook's texts.
struct ReportStrings {
  let l: Language
  var conclusion: String { t(l, "Conclusion", "結論") }
  var findings: String { t(l, "Findings", "検出結果") }
  var probes: String { t(l, "Probes", "プローブ") }
  var evidence: String { t(l, "Evidence", "証拠") }
  var remedies: String { t(l, "Remedies", "対処法") }
  var why: String { t(l, "Why", "理由") }
  var symptoms: String { t(l, "Symptoms", "症状") }
  var none: String { t(l, "none selected", "選択なし") }
  var registry: String { t(l, "Registry", "レジストリ") }
  var dataEndpoints: String { t(l, "Data endpoints", "データ エンドポイント") }
  var elapsed: String { t(l, "Elapsed", "所要時間") }
  func stoppedEarly(_ count: Int) -> String {
    t(
      l, "decided early: \(count) probe(s) stopped as no longer needed",
      "早期に確定: 不要になったプローブ \(count) 件を停止")
  }
  var cause: String { t(l, "Cause", "原因") }
  var confirm: String { t(l, "changes your configuration: review before running", "構成を変更します。実行前に確認してください") }
  func severity(_ s: Severity) -> String {
    switch s {
    case .error: return t(l, "error", "エラー")
    case .warning: return t(l, "warning", "警告")
    case .info: return t(l, "info", "情報")
    }
  }
}

extension CauseID {
  /// `C1 client-firewall-or-proxy`, or the bare id for the two extra outcomes.
  public var label: String { articleNumber.map { "\($0) \(rawValue)" } ?? rawValue }
}

extension ProbeStatus {
  /// One glyph a status, with an ASCII form for terminals that cannot show the others.
  public func glyph(ascii: Bool = false) -> String {
    switch self {
    case .pass: return ascii ? "ok" : "✔"
    case .warn: return ascii ? "!!" : "!"
    case .fail: return ascii ? "XX" : "✖"
    case .skip: return ascii ? "--" : "–"
    case .error: return ascii ? "??" : "?"
    }
  }
}
