/// When nothing is wrong on the network: say so, and point at authentication when the user did see a failure.
func healthyFinding(_ input: DiagnosisInput) -> FindingDraft {
  let login = input.loginServer
  var evidence: [String] = []
  if let (p, h) = login?.clientHTTP {
    evidence.append("\(p.id): \(p.summary)")
    if let realm = h.challenge?.realm { evidence.append("token realm: \(realm)") }
  }
  let passed = input.probes.filter { $0.status == .pass }.count
  evidence.append("\(passed) of \(input.probes.count) probes passed")
  // The article: network-like symptoms can come from authentication or authorization problems.
  let id: FindingID = input.symptoms.isEmpty ? .noNetworkProblem : .networkOKCheckAuthentication
  return FindingDraft(id: id, evidence: evidence, probeIDs: login?.clientHTTP.map { [$0.0.id] } ?? [], rank: 90)
}
