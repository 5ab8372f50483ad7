/// The words the report and the wizard both put around the runbook's texts, translated once so the two never call
/// the same thing by two names. (Japanese has no plural: "Findings" and "Finding" are one word there.)
public enum Glossary {
  public static let finding = LocalizedText(en: "Finding", ja: "所見")
  public static let findings = LocalizedText(en: "Findings", ja: "所見")
  public static let probes = LocalizedText(en: "Probes", ja: "検査")
  public static let cause = LocalizedText(en: "Cause", ja: "原因")
  public static let remedy = LocalizedText(en: "Remedy", ja: "対処法")
  public static let remedies = LocalizedText(en: "Remedies", ja: "対処法")
  public static let evidence = LocalizedText(en: "Evidence", ja: "証拠")
}
