// MARK: A followed pull (--image)

/// How regdoctor learnt that layers come from a host (CONTRACT.md `registry.blobHosts[].learntFrom`).
public enum BlobHostSource: String, Sendable, Codable {
  /// `az acr show-endpoints` named it.
  case az
  /// The registry's answer to a blob request redirected there.
  case redirect
  /// The login server's CNAME chain named the home region, and the data endpoint's name resolves.
  case dns
  /// `--region` or `--data-endpoint`.
  case option
}

/// One request of the pull as the puller makes it, and how it was answered. Never a token or a credential.
public struct PullStep: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    /// `GET /v2/`: the registry's challenge.
    case challenge
    /// The token service of the challenge's realm.
    case token
    case manifest
    /// The image's config blob, asked with `Range: bytes=0-1023`.
    case blob
  }
  public var kind: Kind
  /// `contoso.azurecr.io`, `host:5000`.
  public var host: String
  /// The path asked, without its query (signed URLs carry their signature there).
  public var path: String
  /// The status line's code; nil when no complete answer came.
  public var statusCode: Int?
  /// Why no answer came (`connect: connection refused`, `TLS: untrusted chain`), when none did.
  public var failure: String?
  public var ms: Double

  public init(kind: Kind, host: String, path: String, statusCode: Int?, failure: String? = nil, ms: Double) {
    self.kind = kind
    self.host = host
    self.path = path
    self.statusCode = statusCode
    self.failure = failure
    self.ms = ms
  }

  /// The registry or a gateway in front of it failed by itself.
  public var isServerError: Bool { statusCode.map { (500..<600).contains($0) } ?? false }
}

/// Why a followed pull stopped before it learnt where layers come from.
public enum PullStop: String, Sendable, Codable {
  /// A request got no answer (connect, TLS, timeout): the endpoint's own probes say why.
  case noAnswer = "no-answer"
  /// 5xx from the registry or a gateway in front of it.
  case serverError = "server-error"
  /// The token service or the registry refused the credentials (or their absence): not a network problem.
  case unauthorized
  /// 403 on a request (ACR's firewall answers so; its own finding reads /v2/).
  case denied
  /// The repository or the tag does not exist.
  case notFound = "not-found"
  /// More same-host redirects than a client follows (a loop).
  case redirectLoop = "redirect-loop"
  /// The manifest is larger than any real one (regdoctor reads at most `PullFacts.manifestLimit`).
  case manifestTooLarge = "manifest-too-large"
  /// The manifest is not an OCI or Docker manifest or index regdoctor can read, or names no linux/amd64 image.
  case unreadableManifest = "unreadable-manifest"
  /// The challenge is not Bearer or Basic, or its realm is not an https URL.
  case unsupportedChallenge = "unsupported-challenge"
}

/// Where a followed pull's blob request was sent: the registry served it itself, or redirected elsewhere.
public struct PullRedirect: Sendable, Equatable {
  /// `https` or `http` (a redirect to plain http sends layers unencrypted).
  public var scheme: String
  public var host: String
  public var port: Int
  /// Path only, no query.
  public var path: String
  public init(scheme: String, host: String, port: Int, path: String) {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.path = path
  }
  public var isPlainHTTP: Bool { scheme == "http" }
  public var hostPort: String { DoctorCore.hostPort(host, port) }
}

/// What following `--image` showed: every request made, where the layers come from, and why it stopped early.
public struct PullFacts: Sendable {
  public static let manifestLimit = 4 * 1024 * 1024
  public static let blobRange = 1024
  public static let maxRedirects = 5

  public var image: ImageReference
  public var loginServer: String
  /// The path the requests took (the proxy Go's rules pick from the environment, redacted).
  public var path: NetworkPath
  /// Whose path the requests took: the puller's (`the Docker daemon's: proxy and NO_PROXY from /info …`), or the
  /// shell's when no puller answered. Its proxy and trust are the ones the pull's requests used.
  public var pullerPath: String?
  /// Which puller's path that was (nil: the shell's), for the wizard's puller branch.
  public var puller: PullerPathFacts.Puller?
  /// Where the credentials came from (`~/.docker/config.json auths`, `docker-credential-acr-env`), never what they
  /// are; nil for an anonymous pull.
  public var credentialSource: String?
  /// Why credentials the puller would use could not be read, when they could not (the pull went on anonymously).
  public var credentialProblem: String?
  public var steps: [PullStep]
  /// Each redirect the blob request answered with, in order (the last one names the blob host).
  public var redirects: [PullRedirect]
  /// The host layers come from, when it is another than the login server.
  public var blobHost: PullRedirect?
  /// The blob came from the login server itself (no redirect).
  public var servedByRegistry: Bool
  /// Bytes of the blob read (at most `blobRange`).
  public var blobBytesRead: Int
  public var stop: PullStop?
  /// Evidence for the stop, redacted: `manifest larger than 4 MiB (Content-Length 104857600)`.
  public var stopDetail: String?

  public init(
    image: ImageReference, loginServer: String, path: NetworkPath, credentialSource: String? = nil,
    credentialProblem: String? = nil, steps: [PullStep] = [], redirects: [PullRedirect] = [],
    blobHost: PullRedirect? = nil, servedByRegistry: Bool = false, blobBytesRead: Int = 0, stop: PullStop? = nil,
    stopDetail: String? = nil, pullerPath: String? = nil
  ) {
    self.pullerPath = pullerPath
    self.image = image
    self.loginServer = loginServer
    self.path = path
    self.credentialSource = credentialSource
    self.credentialProblem = credentialProblem
    self.steps = steps
    self.redirects = redirects
    self.blobHost = blobHost
    self.servedByRegistry = servedByRegistry
    self.blobBytesRead = blobBytesRead
    self.stop = stop
    self.stopDetail = stopDetail
  }

  /// The first request the registry (or its gateway) answered with 5xx.
  public var serverError: PullStep? { steps.first(where: \.isServerError) }
}

extension DiagnosisInput {
  public var pull: (ProbeResult, PullFacts)? {
    probes.lazy.compactMap { p in if case .pull(let f) = p.facts { (p, f) } else { nil } }.first
  }
}
