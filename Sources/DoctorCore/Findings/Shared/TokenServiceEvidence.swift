// What the token-service findings show first: that the login server answered, and which realm it named.

/// The line that says where the token service's name came from: the login server's challenge.
enum TokenServiceEvidence {
  static func named(_ input: DiagnosisInput) -> [String] {
    guard let (p, h) = input.loginServer?.clientHTTP, let realm = h.challenge?.realm else { return [] }
    let status = h.statusCode.map { " \($0)" } ?? ""
    return ["\(p.id): the login server answered\(status); its challenge names the token service \(realm)"]
  }

  static func loginProbeIDs(_ input: DiagnosisInput) -> [ProbeID] {
    input.loginServer?.clientHTTP.map { [$0.0.id] } ?? []
  }
}
