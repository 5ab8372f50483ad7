// TEMPORARY: replaced by the runbook branch.
public enum Runbook {
  public static func finding(_ id: FindingID) -> FindingSpec {
    FindingSpec(id: id, cause: .none, severity: id == .noNetworkProblem || id == .networkOKCheckAuthentication ? .info : .error,
      title: LocalizedText(en: id.rawValue, ja: id.rawValue), why: LocalizedText(en: "", ja: ""), remedies: [])
  }
  public static func remedies(for id: FindingID, vars: [String: String], language: Language) -> [Remedy] { [] }
}
