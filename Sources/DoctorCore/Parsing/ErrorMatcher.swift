// A pasted error message -> the article's symptoms S1…S11. The table below is the whole logic: each row lists
// fragments that must all appear (case-insensitive) and the symptoms they point to.

public enum ErrorMatcher {
  /// One row of the table. A fragment written `word:407` must stand alone (not inside `1.2.3.4070`).
  struct Pattern: Sendable {
    let fragments: [String]
    let symptoms: [SymptomID]
    init(_ fragments: String..., symptoms: SymptomID...) {
      self.fragments = fragments.map { $0.lowercased() }
      self.symptoms = symptoms
    }
  }

  /// Pasted text beyond this is not looked at: error messages are short, and this bounds the work.
  static let maxTextLength = 64 * 1024

  static let table: [Pattern] = [
    // S1: the name does not resolve (Go, glibc, curl, Docker).
    Pattern("dial tcp: lookup", symptoms: .s1),
    Pattern("no such host", symptoms: .s1),
    Pattern("temporary failure in name resolution", symptoms: .s1),
    Pattern("name or service not known", symptoms: .s1),
    Pattern("could not resolve host", symptoms: .s1),
    Pattern("server misbehaving", symptoms: .s1),
    // S2: the registry does not answer in time, or the connection is refused on the client side.
    Pattern("client.timeout exceeded while awaiting headers", symptoms: .s2),
    Pattern("timeout awaiting response headers", symptoms: .s2),
    Pattern("i/o timeout", symptoms: .s2),
    Pattern("context deadline exceeded", symptoms: .s2),
    Pattern("tls handshake timeout", symptoms: .s2),
    Pattern("connection timed out", symptoms: .s2),
    Pattern("connection refused", symptoms: .s2),
    Pattern("connection reset by peer", symptoms: .s2),
    // S3: Azure CLI cannot reach the login server; az acr check-health codes; ACR's own firewall.
    Pattern("could not connect to the registry login server", symptoms: .s3),
    Pattern("connectivity_", symptoms: .s3),
    Pattern("connectivity_dns_error", symptoms: .s1, .s3),
    Pattern("client with ip", "is not allowed access", symptoms: .s3),
    Pattern("denied: client with ip", symptoms: .s3),
    // S4: AKS or another Azure service cannot pull.
    Pattern("errimagepull", symptoms: .s4),
    Pattern("imagepullbackoff", symptoms: .s4),
    Pattern("failed to pull image", symptoms: .s4),
    Pattern("az aks check-acr", symptoms: .s4),
    // S5: the HTTPS proxy is in the way.
    Pattern("proxyconnect tcp", symptoms: .s5),
    Pattern("login attempt failed with status: 403 forbidden", symptoms: .s5),
    Pattern("proxy authentication required", symptoms: .s5),
    Pattern("word:407", symptoms: .s5),
    // S6: the portal cannot save virtual network settings.
    Pattern("failed to save firewall and virtual network settings", symptoms: .s6),
    // S7: the registry cannot be viewed or managed.
    Pattern("authorizationfailed", symptoms: .s7),
    Pattern("does not have authorization to perform action", symptoms: .s7),
    Pattern("could not be found", symptoms: .s7),
    Pattern("resourcenotfound", symptoms: .s7),
    Pattern("resourcegroupnotfound", symptoms: .s7),
    // S8: network rules or public access settings cannot be changed.
    Pattern("network rule", symptoms: .s8),
    Pattern("networkrule", symptoms: .s8),
    Pattern("iprules", symptoms: .s8),
    Pattern("ip rule", symptoms: .s8),
    Pattern("missingsubscriptionregistration", symptoms: .s8),
    // S9: ACR Tasks cannot push or pull.
    Pattern("az acr build", symptoms: .s9),
    Pattern("az acr run", symptoms: .s9),
    Pattern("az acr task", symptoms: .s9),
    Pattern("acr task", symptoms: .s9),
    Pattern("failed to push", "run id:", symptoms: .s9),
    Pattern("run failed", "run id:", symptoms: .s9),
    // S10: Defender for Cloud cannot scan.
    Pattern("defender", symptoms: .s10),
    Pattern("vulnerability assessment", symptoms: .s10),
    Pattern("word:scan", symptoms: .s10),
    Pattern("word:scanning", symptoms: .s10),
    Pattern("word:scans", symptoms: .s10),
    // S11: a private endpoint that cannot be reached.
    Pattern("host is not reachable", symptoms: .s11),
    Pattern("no route to host", symptoms: .s11),
    Pattern("host is unreachable", symptoms: .s11),
    Pattern("network is unreachable", symptoms: .s11),
  ]

  /// The symptoms `text` points to, sorted, without repeats; empty when nothing matches.
  public static func symptoms(matching text: String) -> [SymptomID] {
    let haystack = String(text.prefix(maxTextLength)).lowercased()
    var found = Set<SymptomID>()
    for pattern in table where pattern.fragments.allSatisfy({ contains(haystack, $0) }) {
      found.formUnion(pattern.symptoms)
    }
    return found.sorted()
  }

  private static func contains(_ haystack: String, _ fragment: String) -> Bool {
    guard fragment.hasPrefix("word:") else { return haystack.contains(fragment) }
    let word = String(fragment.dropFirst("word:".count))
    var searchStart = haystack.startIndex
    while let range = haystack.range(of: word, range: searchStart..<haystack.endIndex) {
      let before =
        range.lowerBound == haystack.startIndex
        ? nil : haystack[haystack.index(before: range.lowerBound)]
      let after = range.upperBound == haystack.endIndex ? nil : haystack[range.upperBound]
      if !isWordCharacter(before) && !isWordCharacter(after) { return true }
      searchStart = range.upperBound
    }
    return false
  }

  private static func isWordCharacter(_ c: Character?) -> Bool {
    guard let c else { return false }
    return c.isLetter || c.isNumber || c == "_" || c == "."
  }
}
