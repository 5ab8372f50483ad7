import DoctorCore

/// What a pasted error says beyond its symptoms, appended to the status line before anything is probed: the facts
/// that matter most and the finding it points at (` — proxy 10.0.0.3:3128 → proxy-unreachable`), from the same
/// ErrorMatcher.explain as `regdoctor explain`. Empty when it says nothing more.
func errorUnderstanding(_ text: String) -> String {
  let e = ErrorMatcher.explain(text)
  let wanted = ["proxy", "resolver", "address", "clientIP", "status", "host"]
  let facts = wanted.compactMap { key in e.facts.pairs.first { $0.key == key } }.prefix(2)
  let said = facts.map { "\($0.key) \($0.value)" }.joined(separator: " · ")
  let finding = e.findingIDs.first.map { " → \($0)" } ?? ""
  return (said.isEmpty ? "" : " — \(said)") + finding
}
