// A pasted error message -> the article's symptoms S1…S11, the findings it points at, and the facts it names.
// The rows are in ErrorPatterns.swift; this file applies them.

/// What one pasted error says: the families recognized, the symptoms, the findings it points at, its facts.
public struct ErrorExplanation: Sendable, Equatable {
  public var families: [ErrorFamily]
  public var symptoms: [SymptomID]
  /// CONTRACT.md finding ids, most specific first; some may be newer than FindingID (then shown by id only).
  public var findingIDs: [String]
  public var facts: ErrorFacts
  /// True when only a Japanese rendering row matched (no real corpus line behind it).
  public var onlyRenderings: Bool

  /// Something was understood: a family matched or a fact was read.
  public var understood: Bool { !families.isEmpty }

  /// The findings the runbook knows, in order.
  public var knownFindings: [FindingID] { findingIDs.compactMap(FindingID.init(rawValue:)) }
}

public enum ErrorMatcher {
  /// Pasted text beyond this is not looked at: error messages are short, and this bounds the work.
  public static let maxTextLength = 64 * 1024

  /// The symptoms `text` points to, sorted, without repeats; empty when nothing matches.
  public static func symptoms(matching text: String) -> [SymptomID] { explain(text).symptoms }

  /// Everything `text` says, without any probe.
  public static func explain(_ text: String) -> ErrorExplanation {
    let bounded = String(text.prefix(maxTextLength))
    let haystack = bounded.lowercased()
    let facts = ErrorFacts.read(bounded)
    let matched = table.filter { matches($0, haystack, bounded, facts) }
    let takenBackSymptoms = Set(matched.flatMap(\.takesBackSymptoms))
    let takenBackFindings = Set(matched.flatMap(\.takesBackFindings))
    var symptoms = Set<SymptomID>()
    var findings: [String] = []
    var families: [ErrorFamily] = []
    for pattern in matched {
      let kept = pattern.symptoms.filter { !takenBackSymptoms.contains($0) }
      let keptFindings = pattern.findings.filter { !takenBackFindings.contains($0) }
      symptoms.formUnion(kept)
      for id in keptFindings where !findings.contains(id) { findings.append(id) }
      // A family whose every word was taken back (`connection refused` after `proxyconnect tcp`) is not named; one
      // that says neither a symptom nor a finding by design (not-a-registry) is.
      let namesOnly = pattern.symptoms.isEmpty && pattern.findings.isEmpty
      if (namesOnly || !(kept.isEmpty && keptFindings.isEmpty)) && !families.contains(pattern.family) {
        families.append(pattern.family)
      }
    }
    return ErrorExplanation(
      families: families, symptoms: symptoms.sorted(), findingIDs: rankedMostSpecificFirst(findings), facts: facts,
      onlyRenderings: !matched.isEmpty && matched.allSatisfy(\.rendering))
  }

  /// Broad findings (a timeout, a refusal) after the ones that name a culprit (the proxy, the DNS server).
  private static func rankedMostSpecificFirst(_ ids: [String]) -> [String] {
    let broad: Set<String> = [
      "tcp-connect-timeout", "tcp-connect-refused", "tls-handshake-failed", "network-ok-check-authentication",
    ]
    return ids.filter { !broad.contains($0) } + ids.filter { broad.contains($0) }
  }

  private static func matches(_ p: ErrorPattern, _ haystack: String, _ text: String, _ facts: ErrorFacts) -> Bool {
    let fragmentsMatch =
      p.alternatives.isEmpty || p.alternatives.contains { $0.allSatisfy { contains(haystack, $0) } }
    guard fragmentsMatch else { return false }
    switch p.condition {
    case nil: return true
    case .reasonPhraseAfterURL: return ReasonPhrase.afterURL(in: text) != nil
    case .privateEndpointInSight:
      return haystack.contains("privatelink") || (facts.dialedPrivateAddress && haystack.contains(".azurecr."))
    // A blob host closing is blob-host-unreachable's (the blob-host rows say so).
    case .closedAfterURL: return closedAfterURL(haystack) && facts.phase != .config && facts.phase != .layer
    case .resolverFailed:
      return facts.resolver != nil
        && ["i/o timeout", "connection refused", "no route to host", "network is unreachable"].contains {
          haystack.contains($0)
        }
    }
  }

  /// A line ending in `: eof` or `: unexpected eof` right after a URL (`"https://…/v2/": EOF`,
  /// `…&service=registry.docker.io: unexpected EOF`), not after `proxyconnect tcp`.
  static func closedAfterURL(_ haystack: String) -> Bool {
    for line in haystack.split(whereSeparator: \.isNewline) {
      var body = Substring(line)
      while let last = body.last, last == "." || last == "\"" || last == " " || last == "`" || last == "*" {
        body = body.dropLast()
      }
      for ending in [": unexpected eof", ": eof"] where body.hasSuffix(ending) {
        let token = body.dropLast(ending.count).split(separator: " ").last ?? ""
        let url = token.drop { $0 == "\"" || $0 == "'" || $0 == "*" }
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return true }
      }
    }
    return false
  }

  /// A fragment written `word:407` must stand alone (not inside `1.2.3.4070`).
  private static func contains(_ haystack: String, _ fragment: String) -> Bool {
    guard fragment.hasPrefix("word:") else { return haystack.contains(fragment) }
    let word = String(fragment.dropFirst("word:".count))
    var searchStart = haystack.startIndex
    while let range = haystack.literalRange(of: word, in: searchStart..<haystack.endIndex) {
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
