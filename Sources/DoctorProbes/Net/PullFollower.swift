import Dispatch
import DoctorCore
import FoundationEssentials

/// Follows one pull of `--image` as the puller makes it, to learn every host it touches: `GET /v2/` (the challenge),
/// the token (anonymous, or with the credentials docker would send), the manifest (an index: its linux/amd64 entry),
/// then the config blob with `Range: bytes=0-1023`. A redirect of that blob request is read, not followed to another
/// host: its Location names the blob host, which the plan then probes like any endpoint. Bounded everywhere:
/// redirects (same-host hops), the manifest's size, the blob's bytes, the context's deadline.
struct PullFollower {
  static let manifestAccept = [
    "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
  ].joined(separator: ", ")
  static let tokenLimit = 64 * 1024

  let image: ImageReference
  let registry: RegistryTarget
  let proxies: ProxyEnvironment
  let trust: TrustStore
  let context: ProbeContext
  /// The platform an index is resolved for: the puller's own.
  var architecture = PullFollower.hostArchitecture

  private(set) var facts: PullFacts
  /// `Bearer …` or `Basic …` once known: only ever in request headers.
  private var authorization: String?
  private var credential: RegistryCredential?

  init(
    image: ImageReference, registry: RegistryTarget, proxies: ProxyEnvironment, trust: TrustStore,
    context: ProbeContext, credential: RegistryCredential? = nil, credentialProblem: String? = nil
  ) {
    self.image = image
    self.registry = registry
    self.proxies = proxies
    self.trust = trust
    self.context = context
    self.credential = credential
    let login = Endpoint(host: registry.host, port: registry.port, role: .loginServer)
    let path = proxies.proxyURL(for: login, rules: .go).map { NetworkPath.proxy($0.redacted) } ?? .direct
    facts = PullFacts(
      image: image, loginServer: registry.loginServer, path: path, credentialSource: credential?.source,
      credentialProblem: credentialProblem)
  }

  /// Runs every step it can; `facts` says how far it got.
  /// The credentials are the shell's (the docker CLI sends them to the daemon); the proxy and trust are the
  /// puller's, `path`.
  static func follow(
    image: ImageReference, registry: RegistryTarget, environment: [String: String], path: PullPath,
    context: ProbeContext
  ) -> PullFacts {
    let found = DockerCredentials.lookup(host: registry.loginServer, environment: environment, context: context)
    var follower = PullFollower(
      image: image, registry: registry, proxies: path.proxies, trust: path.trust,
      context: context, credential: found.credential, credentialProblem: found.problem)
    follower.facts.pullerPath = path.description
    follower.facts.puller = path.puller
    follower.run()
    return follower.facts
  }

  mutating func run() {
    guard challenge(), let manifest = manifest(), let digest = blobDigest(of: manifest) else { return }
    blob(digest)
  }

  // MARK: steps

  private mutating func challenge() -> Bool {
    guard let answer = request(.challenge, registry.host, registry.port, "/v2/", headers: [], limit: 4096) else {
      return false
    }
    switch answer.head.statusCode {
    case 200..<300: return true
    case 401:
      guard let header = answer.head.header("WWW-Authenticate"), let challenge = AuthChallenge.parse(header) else {
        return stop(.unsupportedChallenge, "401 without a WWW-Authenticate challenge")
      }
      if challenge.scheme.lowercased() == "basic" {
        guard let credential else { return stop(.unauthorized, "the registry wants Basic credentials; none found") }
        authorization = credential.basicAuthorization
        return true
      }
      guard challenge.scheme.lowercased() == "bearer" else {
        return stop(.unsupportedChallenge, "challenge scheme \(challenge.scheme) is neither Bearer nor Basic")
      }
      return token(challenge)
    default: return stopOnStatus(answer.head.statusCode, "GET /v2/")
    }
  }

  private mutating func token(_ challenge: AuthChallenge) -> Bool {
    guard let realm = challenge.realm, let url = HTTPSURL(realm), url.scheme == "https" else {
      return stop(.unsupportedChallenge, "the challenge's realm is not an https URL")
    }
    var query = url.query.map { [$0] } ?? []
    if let service = challenge.service { query.append("service=" + percentEncoded(service)) }
    query.append("scope=" + percentEncoded("repository:\(image.repository):pull"))
    let headers = credential.map { [("Authorization", $0.basicAuthorization)] } ?? []
    guard
      let answer = request(
        .token, url.host, url.port, url.path + "?" + query.joined(separator: "&"), headers: headers,
        limit: Self.tokenLimit)
    else { return false }
    guard (200..<300).contains(answer.head.statusCode) else {
      return stopOnStatus(answer.head.statusCode, "GET \(url.path) (token)")
    }
    struct TokenAnswer: Decodable {
      var token: String?
      var access_token: String?
    }
    guard let decoded = try? JSONDecoder().decode(TokenAnswer.self, from: Data(answer.body)),
      let value = decoded.token ?? decoded.access_token, !value.isEmpty
    else { return stop(.unsupportedChallenge, "the token service's answer holds no token") }
    authorization = "Bearer \(value)"
    return true
  }

  private mutating func manifest() -> ManifestDocument? {
    guard var document = fetchManifest(image.reference) else { return nil }
    if let entries = document.manifests {
      let wanted = entries.first { $0.platform?.os == "linux" && $0.platform?.architecture == architecture }
      guard let digest = wanted?.digest, ImageReference.isDigest(digest) else {
        _ = stop(.unreadableManifest, "the index names no linux/\(architecture) image")
        return nil
      }
      guard let inner = fetchManifest(digest) else { return nil }
      guard inner.manifests == nil else {
        _ = stop(.unreadableManifest, "an index inside an index")
        return nil
      }
      document = inner
    }
    return document
  }

  private mutating func fetchManifest(_ reference: String) -> ManifestDocument? {
    let path = "/v2/\(image.repository)/manifests/\(reference)"
    guard
      let answer = request(
        .manifest, registry.host, registry.port, path, headers: authHeaders + [("Accept", Self.manifestAccept)],
        limit: PullFacts.manifestLimit)
    else { return nil }
    guard (200..<300).contains(answer.head.statusCode) else {
      _ = stopOnStatus(answer.head.statusCode, "GET \(path)")
      return nil
    }
    if answer.truncated {
      let declared = answer.head.contentLength.map { " (Content-Length \($0))" } ?? ""
      _ = stop(.manifestTooLarge, "manifest larger than 4 MiB\(declared): not read further")
      return nil
    }
    guard let document = try? JSONDecoder().decode(ManifestDocument.self, from: Data(answer.body)) else {
      _ = stop(.unreadableManifest, "the manifest is not OCI or Docker v2 JSON")
      return nil
    }
    return document
  }

  private mutating func blobDigest(of manifest: ManifestDocument) -> String? {
    guard let digest = manifest.config?.digest ?? manifest.layers?.first?.digest, ImageReference.isDigest(digest)
    else {
      _ = stop(.unreadableManifest, "the manifest names no config or layer blob")
      return nil
    }
    return digest
  }

  /// The config blob, asked for a small range. Redirects to the same host are followed (a bounded number of hops);
  /// one to another host names the blob host and ends the follow there.
  private mutating func blob(_ digest: String) {
    var scheme = "https"
    var host = registry.host
    var port = registry.port
    var target = "/v2/\(image.repository)/blobs/\(digest)"
    var hops = 0
    while true {
      let onLogin = host.lowercased() == registry.host.lowercased() && port == registry.port
      // Go drops Authorization on a redirect to another host; on the registry's own host it is kept.
      let headers = (onLogin ? authHeaders : []) + [("Range", "bytes=0-\(PullFacts.blobRange - 1)")]
      guard let answer = request(.blob, host, port, target, headers: headers, limit: PullFacts.blobRange) else {
        return
      }
      let code = answer.head.statusCode
      if [301, 302, 303, 307, 308].contains(code) {
        guard let location = answer.head.header("Location"),
          let next = HTTPSURL(location, relativeTo: (scheme, host, port))
        else {
          _ = stop(.noAnswer, "a \(code) redirect without a usable Location")
          return
        }
        let redirect = PullRedirect(scheme: next.scheme, host: next.host, port: next.port, path: next.path)
        facts.redirects.append(redirect)
        let sameHost = next.host.lowercased() == host.lowercased() && next.port == port && next.scheme == scheme
        if !sameHost {
          facts.blobHost = redirect
          return
        }
        hops += 1
        if hops > PullFacts.maxRedirects {
          _ = stop(.redirectLoop, "more than \(PullFacts.maxRedirects) redirects on \(hostPort(host, port))")
          return
        }
        (scheme, host, port) = (next.scheme, next.host, next.port)
        target = next.path + (next.query.map { "?\($0)" } ?? "")
        continue
      }
      guard (200..<300).contains(code) else {
        _ = stopOnStatus(code, "GET blob \(digest.prefix(19))…")
        return
      }
      facts.blobBytesRead = answer.body.count
      if onLogin {
        facts.servedByRegistry = true
      } else {
        facts.blobHost = PullRedirect(scheme: scheme, host: host, port: port, path: target)
      }
      return
    }
  }

  // MARK: plumbing

  private var authHeaders: [(String, String)] { authorization.map { [("Authorization", $0)] } ?? [] }

  /// One GET, recorded as a step (its path without the query). Nil when no answer came: the follow stops.
  private mutating func request(
    _ kind: PullStep.Kind, _ host: String, _ port: Int, _ target: String, headers: [(String, String)], limit: Int
  ) -> PullHTTP.Response? {
    let start = DispatchTime.now()
    let endpoint = Endpoint(host: host, port: port, role: .auxiliary)
    let proxy = proxies.proxyURL(for: endpoint, rules: .go)
    let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
    let result = PullHTTP.get(
      host: host, port: port, target: target, headers: headers, proxy: proxy, trust: trust, context: context,
      bodyLimit: limit)
    let ms = elapsedMs(since: start)
    switch result {
    case .success(let answer):
      facts.steps.append(
        PullStep(kind: kind, host: hostPort(host, port), path: path, statusCode: answer.head.statusCode, ms: ms))
      return answer
    case .failure(let failure):
      let message = redactSecrets(failure.message)
      facts.steps.append(
        PullStep(kind: kind, host: hostPort(host, port), path: path, statusCode: nil, failure: message, ms: ms))
      _ = stop(.noAnswer, "\(kind.rawValue): \(message)")
      return nil
    }
  }

  private mutating func stopOnStatus(_ code: Int, _ what: String) -> Bool {
    switch code {
    case 500..<600: return stop(.serverError, "\(what) -> \(code)")
    case 401: return stop(.unauthorized, "\(what) -> 401: the credentials (or their absence) are refused")
    case 403: return stop(.denied, "\(what) -> 403")
    case 404: return stop(.notFound, "\(what) -> 404: no such repository, tag or blob")
    default: return stop(.unreadableManifest, "\(what) -> \(code)")
    }
  }

  private mutating func stop(_ why: PullStop, _ detail: String) -> Bool {
    facts.stop = why
    facts.stopDetail = detail
    return false
  }

  static var hostArchitecture: String {
    #if arch(arm64)
      return "arm64"
    #else
      return "amd64"
    #endif
  }
}

/// The parts of an OCI / Docker v2 manifest or index the follower reads.
struct ManifestDocument: Decodable {
  struct Descriptor: Decodable {
    var digest: String?
    var platform: Platform?
  }
  struct Platform: Decodable {
    var os: String?
    var architecture: String?
  }
  var config: Descriptor?
  var layers: [Descriptor]?
  var manifests: [Descriptor]?
}

/// An absolute http(s) URL (or one relative to the request's), taken apart without Foundation's URL: scheme, host
/// (brackets stripped), port, path, query. Nil for anything else.
struct HTTPSURL {
  var scheme: String
  var host: String
  var port: Int
  var path: String
  var query: String?

  init?(_ text: String, relativeTo base: (scheme: String, host: String, port: Int)? = nil) {
    guard text.count <= 8192, !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } ?? false })
    else { return nil }
    var rest = Substring(text)
    if let colon = rest.firstRange(of: "://") {
      let scheme = rest[..<colon.lowerBound].lowercased()
      guard scheme == "https" || scheme == "http" else { return nil }
      self.scheme = scheme
      rest = rest[colon.upperBound...]
      let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
      var authority = rest[..<authorityEnd]
      if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
      rest = rest[authorityEnd...]
      let defaultPort = scheme == "https" ? 443 : 80
      if authority.hasPrefix("[") {
        guard let close = authority.firstIndex(of: "]") else { return nil }
        host = String(authority[authority.index(after: authority.startIndex)..<close])
        let after = authority[authority.index(after: close)...]
        guard after.isEmpty || after.hasPrefix(":") else { return nil }
        guard let p = after.isEmpty ? defaultPort : Int(after.dropFirst()) else { return nil }
        port = p
      } else if let colon = authority.lastIndex(of: ":") {
        host = String(authority[..<colon])
        guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
        port = p
      } else {
        host = String(authority)
        port = defaultPort
      }
      guard !host.isEmpty, (1...65535).contains(port) else { return nil }
    } else {
      guard let base, rest.hasPrefix("/") else { return nil }
      (scheme, host, port) = base
    }
    let queryStart = rest.firstIndex(of: "?")
    let pathPart = queryStart.map { rest[..<$0] } ?? rest
    path = pathPart.isEmpty ? "/" : String(pathPart)
    query = queryStart.map { String(rest[rest.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
  }
}

/// RFC 3986 unreserved characters stay, every other byte becomes %XX (a query value).
func percentEncoded(_ text: String) -> String {
  var out = ""
  for byte in text.utf8 {
    let c = Character(UnicodeScalar(byte))
    if byte < 128 && (c.isLetter || c.isNumber || "-._~".contains(c)) {
      out.append(c)
    } else {
      let hex = String(byte, radix: 16, uppercase: true)
      out += "%" + (hex.count < 2 ? "0" + hex : hex)
    }
  }
  return out
}
