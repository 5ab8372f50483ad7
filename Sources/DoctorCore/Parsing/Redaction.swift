import FoundationEssentials

// Every string that reaches a screen, a report or a log goes through redactSecrets first. It errs on the side of
// hiding too much: a hidden port is an annoyance, a shown password is an incident.

/// Replaces secrets in free text with `***`: URL passwords (`http://user:***@proxy`), `Authorization:` values,
/// `Bearer` tokens, JSON `password`/`token`/`auth`/`access_token`/`refresh_token` values, `password=` query or
/// form values, and `--password X` / `-p X` arguments of login commands.
public func redactSecrets(_ text: String) -> String {
  if text.isEmpty { return text }
  var result = text
  for rule in redactionRules where rule.mayMatch(result) {
    result = rule.regex().replacingMatches(in: result, template: rule.template)
  }
  return result
}

/// redactSecrets, after hiding `known` secrets wherever they occur: the proxy password and the base64 of
/// `user:password` regdoctor sent in Proxy-Authorization, which a proxy may echo back in a shape no pattern knows
/// (`HTTP/1.1 407 Denied for user:PASSWORD`, the bare base64). Strings shorter than 4 characters are not hunted:
/// hiding every "ab" would destroy the text, and such a password protects nothing.
public func redactSecrets(_ text: String, known: [String]) -> String {
  var result = text
  // Longest first: a secret that contains another one is hidden whole.
  for secret in known.filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count })
  where result.literalRange(of: secret) != nil {
    result = result.replacingLiteral(secret, with: "***")
  }
  return redactSecrets(result)
}

private struct RedactionRule: Sendable {
  let pattern: String
  let template: String
  /// Words (lower-case ASCII) of which a match holds at least one: ASCII text holding none cannot match, and
  /// skipping the regex there keeps redaction cheap (every line of a report passes through it). Text with any
  /// non-ASCII character always runs the regex, since case-insensitive matching may fold it onto ASCII letters.
  let needs: [[UInt8]]
  /// Words that such a match holds all of.
  let needsAll: [[UInt8]]
  /// A further necessary condition on the lower-cased ASCII text.
  let needsAlso: (@Sendable ([UInt8]) -> Bool)?
  init(
    _ pattern: String, _ template: String, needs: [String], andAll needsAll: [String] = [],
    andAlso needsAlso: (@Sendable ([UInt8]) -> Bool)? = nil
  ) {
    self.pattern = pattern
    self.template = template
    self.needs = needs.map { Array($0.utf8) }
    self.needsAll = needsAll.map { Array($0.utf8) }
    self.needsAlso = needsAlso
  }

  /// Compiled on first use, once per process: most texts never need a rule, and a diagnosis that needs none never
  /// loads the regex parser (half a megabyte of resident code).
  func regex() -> TextPattern {
    // The patterns are constants written below; a typo is a programming error caught by the tests.
    // swiftlint:disable:next force_try
    try! TextPattern.cached(pattern, ignoringCase: true)
  }

  func mayMatch(_ text: String) -> Bool {
    var lower: [UInt8] = []
    lower.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      guard byte < 0x80 else { return true }
      lower.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
    }
    func holds(_ word: [UInt8]) -> Bool {
      lower.count >= word.count
        && (0...(lower.count - word.count)).contains { i in lower[i..<(i + word.count)].elementsEqual(word) }
    }
    return needs.contains(where: holds) && needsAll.allSatisfy(holds) && (needsAlso?(lower) ?? true)
  }
}

private let secretKeyList = secretKeys.split(separator: "|").map(String.init)

/// Whether the Bearer rule can match: some `bearer` is followed by 1-8 blanks and then a token that is not a
/// challenge's `name=` (`Bearer realm="…"`, which every 401 from a registry carries and the rule leaves alone).
/// Errs towards true: anything but that exact challenge shape runs the rule.
@Sendable private func bearerTokenMayFollow(_ lower: [UInt8]) -> Bool {
  let word = Array("bearer".utf8)
  func isBlank(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0D).contains(c) }
  func isTokenChar(_ c: UInt8) -> Bool {
    (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || "-._~+/".utf8.contains(c)
  }
  func isValueStart(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "\"") || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c)
  }
  var i = 0
  while i + word.count <= lower.count {
    defer { i += 1 }
    guard lower[i..<(i + word.count)].elementsEqual(word) else { continue }
    var j = i + word.count
    let blanksStart = j
    while j < lower.count, isBlank(lower[j]) { j += 1 }
    let blanks = j - blanksStart
    guard blanks >= 1, blanks <= 8, j < lower.count, isTokenChar(lower[j]) else { continue }
    let tokenStart = j
    while j < lower.count, isTokenChar(lower[j]) { j += 1 }
    guard j - tokenStart <= 64 else { return true }
    var k = j
    while k < lower.count, k - j < 4, isBlank(lower[k]) { k += 1 }
    guard k < lower.count, lower[k] == UInt8(ascii: "=") else { return true }
    k += 1
    let afterEquals = k
    while k < lower.count, k - afterEquals < 4, isBlank(lower[k]) { k += 1 }
    guard k < lower.count, isValueStart(lower[k]) else { return true }
  }
  return false
}

// Quantifiers are bounded ({0,N}) so that hostile input cannot make a rule backtrack quadratically, except where a
// secret may be longer than any bound: those runs stop at a '/' or blank, which the text before them holds, so each
// start position scans its own run once.
private let secretKeys =
  "password|passwd|pwd|secret|client_secret|clientsecret|access_token|refresh_token|id_token|identitytoken"
  + "|identity_token|token|auth|authorization|registrytoken|apikey|api_key"

private let redactionRules: [RedactionRule] = [
  // scheme://user:password@host -> scheme://user:***@host. The password runs to the last '@' before a '/' or
  // blank, so an unescaped '@' inside it is hidden too.
  RedactionRule(#"\b([a-z][a-z0-9+.\-]{0,31}://)([^\s/@:]*):[^\s/]*@"#, "$1$2:***@", needs: ["://"], andAll: ["@"]),
  // scheme://TOKEN@host: a user name alone is a credential too (a token used as the user name).
  RedactionRule(#"\b([a-z][a-z0-9+.\-]{0,31}://)[^\s/@:]+@"#, "$1***@", needs: ["://"], andAll: ["@"]),
  // Authorization: Basic dXNlcjpwYXNz / Proxy-Authorization: Bearer x -> keep the scheme, hide the credentials.
  RedactionRule(
    #"\b((?:proxy-)?authorization\s{0,8}:\s{0,8})((?:basic|bearer|digest|negotiate|ntlm|token)\s{1,8})?[^\s,;"'][^\r\n"]{0,4096}"#,
    "$1$2***", needs: ["authorization"], andAll: [":"]),
  // Bearer <token> anywhere (a token68; not `Bearer realm="…"`, which is a challenge and no secret).
  RedactionRule(
    #"\b(bearer\s{1,8})(?![a-z0-9\-._~+/]{1,64}\s{0,4}=\s{0,4}["a-z0-9])[a-z0-9\-._~+/]{1,8192}=*(?![a-z0-9\-._~+/=*])"#,
    "$1***", needs: ["bearer"], andAlso: bearerTokenMayFollow),
  // "password": "…" and friends in JSON (docker config.json `auths`, token responses).
  RedactionRule(
    #"("(?:\#(secretKeys))"\s{0,8}:\s{0,8})"(?:[^"\\]|\\.){0,8192}""#, #"$1"***""#,
    needs: secretKeyList.map { "\"\($0)\"" }, andAll: [":"]),
  // password=…&, access_token=… in query strings and form bodies.
  RedactionRule(#"\b((?:\#(secretKeys))=)[^&\s"',;]{1,8192}"#, "$1***", needs: secretKeyList.map { $0 + "=" }),
  // --password X, --password=X, --client-secret 'X', --token X.
  RedactionRule(
    #"(--(?:password|client-secret|secret|token|registry-password)(?:=|\s{1,8}))("[^"]{0,4096}"|'[^']{0,4096}'|[^\s]{1,4096})"#,
    "$1***", needs: ["--password", "--client-secret", "--secret", "--token", "--registry-password"]),
  // -p X, only on a login command line (docker login -u u -p X, az acr login -p X): elsewhere -p is a port.
  RedactionRule(
    #"(\blogin\b[^\r\n]{0,1024}?\s-p(?:=|\s{1,8}))("[^"]{0,4096}"|'[^']{0,4096}'|[^\s]{1,4096})"#,
    "$1***", needs: ["login"], andAll: ["-p"]),
]
