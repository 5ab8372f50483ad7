import FoundationEssentials

// What a pasted error says beyond its symptoms: which host and address were dialed, through which proxy, which
// resolver was asked, at which step of the pull, what the registry answered. Go nests its errors
// (`Head "…/manifests/x": Get "…/token?…": read tcp …`), so the last URL is the request that failed.
// Everything here is read from untrusted text: every value is bounded by its pattern and shown only after
// redactSecrets and the removal of control characters.

/// The facts one pasted error names. Nil where the text does not say.
public struct ErrorFacts: Sendable, Equatable {
  /// The step of a pull the failing request belonged to.
  public enum Phase: String, Sendable, CaseIterable {
    /// `GET /v2/`: the challenge, docker login.
    case login
    /// The token service (`/oauth2/token`, `auth.docker.io/token`, `/oauth2/exchange`).
    case token
    case manifest
    /// `error pulling image configuration`: the config blob, usually from another host.
    case config
    /// A layer blob (`httpReadSeeker`, `/blobs/`).
    case layer
  }

  /// The host of the failing request (the last URL), or the name looked up.
  public var host: String?
  /// The address dialed (`dial tcp A:P`, `read tcp L->A:P`), not the proxy's.
  public var address: String?
  public var port: Int?
  /// `proxyconnect tcp: dial tcp A:P`: the proxy the puller used, as `A:P` (or a proxy name that did not resolve).
  public var proxy: String?
  /// `lookup X on R:53`: the nameserver asked, as `R:53` (`[::1]:53` for IPv6).
  public var resolver: String?
  public var phase: Phase?
  /// The client IP ACR's firewall saw (`client with IP '…' is not allowed access`).
  public var clientIP: String?
  /// The HTTP status the registry or a proxy answered.
  public var status: Int?
  /// Why certificate verification failed (`x509: certificate signed by unknown authority`).
  public var x509: String?
  /// The host layers or the image configuration come from, when the failing request was a blob.
  public var blobHost: String?

  public init() {}

  /// Reads the facts from `text` (only its first ErrorMatcher.maxTextLength characters).
  public static func read(_ text: String) -> ErrorFacts {
    ErrorFactsReader(String(text.prefix(ErrorMatcher.maxTextLength))).facts()
  }

  public var isEmpty: Bool { pairs.isEmpty }

  /// The facts as key/value pairs in a fixed order, the keys of the JSON report's `errorFacts`.
  public var pairs: [(key: String, value: String)] {
    var out: [(String, String)] = []
    func add(_ key: String, _ value: String?) { if let value { out.append((key, value)) } }
    add("host", host)
    add("address", address)
    add("port", port.map(String.init))
    add("proxy", proxy)
    add("resolver", resolver)
    add("phase", phase?.rawValue)
    add("clientIP", clientIP)
    add("status", status.map(String.init))
    add("x509", x509)
    add("blobHost", blobHost)
    return out.map { ($0.0, ErrorText.displaySafe($0.1)) }
  }

  /// The address, if it is a private IPv4 one (RFC 1918): what a private endpoint resolves to.
  var dialedPrivateAddress: Bool {
    guard let address else { return false }
    let octets = address.split(separator: ".").compactMap { Int($0) }
    guard octets.count == 4 else { return false }
    return octets[0] == 10 || (octets[0] == 172 && (16...31).contains(octets[1]))
      || (octets[0] == 192 && octets[1] == 168)
  }
}

/// Untrusted text made fit to echo: secrets redacted, control and format characters replaced by a space, runs of
/// white space collapsed, at most `limit` characters.
public enum ErrorText {
  public static func displaySafe(_ text: String, limit: Int = 4096) -> String {
    var out = ""
    var count = 0
    var lastWasSpace = false
    for scalar in redactSecrets(String(text.prefix(4 * limit))).unicodeScalars {
      if count >= limit {
        out += "…"
        break
      }
      let blank: Bool
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse,
        .spaceSeparator:
        blank = true
      default:
        blank = false
      }
      if blank {
        if !lastWasSpace && !out.isEmpty { out += " " }
        lastWasSpace = true
      } else {
        out.unicodeScalars.append(scalar)
        lastWasSpace = false
      }
      count += 1
    }
    return out.trimmingSpaces
  }
}

/// The patterns behind ErrorFacts. Quantifiers are bounded so hostile text cannot make them backtrack for long.
private struct ErrorFactsReader {
  let text: String
  let lower: String
  init(_ text: String) {
    self.text = text
    lower = text.lowercased()
  }

  static let ipv4 = #"\d{1,3}(?:\.\d{1,3}){3}"#
  static let ip = #"(\[[0-9A-Fa-f:.]{2,45}\]|\d{1,3}(?:\.\d{1,3}){3})"#
  static let hostChars = #"[A-Za-z0-9._\-*<>]{1,253}"#
  /// Documentation links in error texts (`visit https://aka.ms/acr/authorization`) are not the failing request.
  static let documentationHosts: Set<String> = [
    "aka.ms", "docs.microsoft.com", "learn.microsoft.com", "docs.docker.com", "www.w3.org", "github.com",
    "www.docker.com",
  ]

  func facts() -> ErrorFacts {
    var f = ErrorFacts()
    let urls = requestURLs()
    let last = urls.last
    f.proxy = proxy()
    f.address = dialedAddress()
    f.resolver = first(#"lookup \S{1,253} on "# + Self.ip + #":(\d{1,5})"#).map { "\($0[0]):\($0[1])" }
    f.host = last?.host ?? pythonHost() ?? lookedUpHost() ?? quotedRegistry() ?? imageHost()
    f.port = last?.port ?? first(#"port=(\d{1,5})"#).flatMap { Int($0[0]) } ?? dialedPort()
    f.phase = phase(lastPath: last?.path)
    if f.phase == .config || f.phase == .layer { f.blobHost = last?.host }
    if f.blobHost == nil {
      f.blobHost = first(#"([A-Za-z0-9\-]{1,63}\.blob\.core\.windows\.net)"#)?[0]
    }
    f.clientIP = first(#"client with ip (?:'|\\u0027|")?("# + Self.ipv4 + #"|[0-9A-Fa-f:]{2,45})"#)?[0]
    f.status = status()
    f.x509 = x509()
    return f
  }

  struct RequestURL {
    let host: String
    let port: Int?
    let path: String
  }

  /// Every http(s) URL in the text but documentation links, in order.
  func requestURLs() -> [RequestURL] {
    // `user:password@` before the host is skipped (and never kept).
    all(#"https?:\s?//?(?:[^\s/@"']{0,256}@)?("# + Self.hostChars + #")(?::(\d{1,5}))?(/[^\s"'`\\]{0,2048})?"#)
      .compactMap { groups in
        // `https://.azurecr.io/` is a name someone blanked out: no host. Trailing `.` and `**` are prose or Markdown.
        var host = Substring(groups[0])
        while let last = host.last, last == "." || last == "*" { host = host.dropLast() }
        guard !host.isEmpty, !host.hasPrefix("."), !Self.documentationHosts.contains(host.lowercased()) else {
          return nil
        }
        // A URL ends where Go's message goes on: `…/v2/: Forbidden`, `…/v2/.`
        let path = groups[2].trimming(charactersIn: ":.,)*")
        return RequestURL(host: String(host), port: groups[1].isEmpty ? nil : Int(groups[1]), path: path)
      }
  }

  func proxy() -> String? {
    if let m = first(#"proxyconnect tcp: dial tcp "# + Self.ip + #":(\d{1,5})"#) { return "\(m[0]):\(m[1])" }
    return first(#"proxyconnect tcp: dial tcp: lookup ("# + Self.hostChars + #")"#)?[0]
  }

  /// `dial tcp A:P` not right after `proxyconnect tcp:`, else the remote side of `read tcp L->A:P`.
  func dialedAddress() -> String? { dialed()?.address }
  func dialedPort() -> Int? { dialed()?.port }

  func dialed() -> (address: String, port: Int)? {
    let candidates = allRanges(#"(proxyconnect tcp: )?dial tcp "# + Self.ip + #":(\d{1,5})"#)
    for groups in candidates where groups[0].isEmpty {
      return (unbracketed(groups[1]), Int(groups[2]) ?? 0)
    }
    if let m = first(#"(?:read|write) tcp \S{1,64}->"# + Self.ip + #":(\d{1,5})"#) {
      return (unbracketed(m[0]), Int(m[1]) ?? 0)
    }
    return nil
  }

  /// The registry of an image reference without a scheme (`The image 'contoso.azurecr.io/app:1' …`).
  func imageHost() -> String? {
    first(#"image:? ['"]([A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,16}(?::\d{1,5})?)/"#)?[0]
  }

  func pythonHost() -> String? { first(#"host='("# + Self.hostChars + #")'"#)?[0] }

  func lookedUpHost() -> String? {
    // A dotted name only: `lookup failed` names no host.
    let dotted = #"[A-Za-z0-9_\-*<>]{1,63}(?:\.[A-Za-z0-9_\-*<>]{1,63}){1,16}"#
    guard let name = first(#"(?:failed to lookup host:|lookup) ("# + dotted + #")"#)?[0] else {
      return nil
    }
    let trimmed = name.trimming(charactersIn: ".*:")
    return trimmed.isEmpty ? nil : trimmed
  }

  func quotedRegistry() -> String? {
    first(#"(?:login server|registry|access to registry) '("# + Self.hostChars + #")'"#)?[0]
  }

  func phase(lastPath: String?) -> ErrorFacts.Phase? {
    if lower.contains("pulling image configuration") { return .config }
    if lower.contains("httpreadseeker") { return .layer }
    if let path = lastPath?.lowercased() {
      if path.contains("/blobs/") { return .layer }
      if path.contains("/manifests/") { return .manifest }
      if path.contains("/token") || path.contains("/oauth2/") { return .token }
      if path == "/v2/" || path == "/v2" || path == "/v1/_ping" || path == "/v1/users/" {
        return .login
      }
    }
    if lower.contains("with url: /v2/ ") { return .login }
    return nil
  }

  func status() -> Int? {
    if lower.contains("client with ip") && lower.contains("is not allowed access") { return 403 }
    if let phrase = ReasonPhrase.afterURL(in: text), let code = phrase.status { return code }
    let numbered = [
      #"received unexpected http status: (\d{3})"#, #"failed with status: (\d{3})"#,
      #"parsing http (\d{3}) response body"#, #"response code: (\d{3})"#, #"tcp_denied/(\d{3})"#,
      #"http code (\d{3}) while"#, #"\bstatus(?: code)?[:=] ?(\d{3})\b"#,
    ]
    for pattern in numbered {
      if let m = first(pattern), let code = Int(m[0]) { return code }
    }
    if lower.contains("unauthorized: authentication required") || lower.contains("unauthorized: ") { return 401 }
    return nil
  }

  func x509() -> String? {
    if let m = first(#"x509: ([^\n"*.;:`]{3,160})"#) {
      return m[0].trimmingSpaces
    }
    return lower.contains("certificate verify failed") ? "certificate verify failed" : nil
  }

  private func unbracketed(_ s: String) -> String {
    s.hasPrefix("[") && s.hasSuffix("]") ? String(s.dropFirst().dropLast()) : s
  }

  /// The capture groups of the first match (case-insensitive), empty strings for groups that did not take part.
  func first(_ pattern: String) -> [String]? { allRanges(pattern, limit: 1).first }
  func all(_ pattern: String) -> [[String]] { allRanges(pattern) }

  func allRanges(_ pattern: String, limit: Int = 64) -> [[String]] {
    guard let regex = try? TextPattern.cached(pattern, ignoringCase: true) else { return [] }
    return regex.captureGroups(in: text, limit: limit)
  }
}

/// Go's HTTP client, when a proxy answers CONNECT with anything but 200, fails with the bare reason phrase:
/// `Get "https://…/v2/": Forbidden`. A real `docker pull` behind a denying squid prints that, never "403".
enum ReasonPhrase {
  static let standard: [String: Int] = [
    "bad request": 400, "unauthorized": 401, "forbidden": 403, "not found": 404, "method not allowed": 405,
    "proxy authentication required": 407, "request timeout": 408, "too many requests": 429,
    "unavailable for legal reasons": 451, "internal server error": 500, "not implemented": 501,
    "bad gateway": 502, "service unavailable": 503, "gateway timeout": 504,
    "network authentication required": 511,
  ]

  struct Match {
    let phrase: String
    let status: Int?
  }

  /// The reason phrase right after a request URL at the end of a line, if the text has one. Proxies with their
  /// own words (`AuthorizedOnly`, `authenticationrequired`) count when the phrase is one word of letters.
  static func afterURL(in text: String) -> Match? {
    let pattern =
      #"(?:get|head|post|put|patch)\s{1,4}"?https?:\s?//?[^\s"]{1,2048}"?\s?:\s([A-Za-z][A-Za-z ]{1,40}?)[.*"}\s]{0,8}$"#
    guard let regex = try? TextPattern(pattern, ignoringCase: true, anchorsMatchLines: true) else { return nil }
    for groups in regex.captureGroups(in: text, limit: 16) {
      let phrase = groups[0].trimmingSpaces
      let key = phrase.lowercased()
      if let code = standard[key] { return Match(phrase: phrase, status: code) }
      if !key.contains(" ") && key.count >= 6 && key != "eof" { return Match(phrase: phrase, status: nil) }
    }
    return nil
  }
}
