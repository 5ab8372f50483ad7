import Dispatch
import DoctorCore
import FoundationEssentials

/// Where dockerd's proxy settings are usually written; tests point these at a temporary directory.
public struct DaemonConfigPaths: Sendable {
  /// Every `*.conf` in it is read (`http-proxy.conf` by convention).
  public var systemdDropInDirectory: String
  public var daemonJSON: String

  public init(systemdDropInDirectory: String, daemonJSON: String) {
    self.systemdDropInDirectory = systemdDropInDirectory
    self.daemonJSON = daemonJSON
  }

  public static let `default` = DaemonConfigPaths(
    systemdDropInDirectory: "/etc/systemd/system/docker.service.d",
    daemonJSON: "/etc/docker/daemon.json")
}

/// The Docker daemon's own view of the proxy — what `docker pull` really uses, whatever the shell says — from the
/// Engine API's `GET /info`, and the files that set it.
public enum DockerDaemonProbe {
  public static let defaultHost = "unix:///var/run/docker.sock"
  static let bodyLimit = 1 << 20
  static let configFileLimit = 1 << 20

  public static func run(
    environment: [String: String], context: ProbeContext, sourcePaths: DaemonConfigPaths = .default
  ) -> DockerDaemonFacts {
    let host = environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultHost
    var facts = DockerDaemonFacts(
      host: shownText(host, keepNewlines: false), reachable: false, error: nil, httpProxy: nil, httpsProxy: nil,
      noProxy: nil,
      serverVersion: nil, sources: readSources(sourcePaths))
    if host.hasPrefix("tcp://"), let verify = environment["DOCKER_TLS_VERIFY"], !verify.isEmpty {
      facts.error =
        "DOCKER_TLS_VERIFY is set: regdoctor does not query TLS-protected daemon sockets"
      return facts
    }
    if containsControlCharacter(host) {
      facts.error = "DOCKER_HOST \(facts.host) holds a control character: regdoctor does not query it"
      return facts
    }
    switch target(for: host) {
    case .failure(let message), .notDocker(let message):
      facts.error = message
    case .success(let target):
      let answer = askInfo(target, context: context)
      switch answer {
      case .failure(let message):
        facts.error = "cannot talk to the Docker daemon at \(facts.host): \(message)"
      case .notDocker(let message):
        facts.answeredNotDocker = true
        facts.error = "\(facts.host) answers, but not as the Docker Engine API: \(message)"
      case .success(let info):
        facts.reachable = true
        facts.httpProxy = info.string("HttpProxy").map(redactSecrets)
        facts.httpsProxy = info.string("HttpsProxy").map(redactSecrets)
        facts.noProxy = info.string("NoProxy")
        facts.serverVersion = info.string("ServerVersion")
        facts.mirrors = info.registryMirrors
      }
    }
    return facts
  }

  private enum Outcome<Value> {
    case success(Value)
    case failure(String)
    /// Something answered, but not the Engine API.
    case notDocker(String)
  }

  /// `unix:///path` and `tcp://host:port`; ssh:// and npipe:// are not something we can ask directly.
  private static func target(for host: String) -> Outcome<ConnectTarget> {
    if host.hasPrefix("unix://") {
      let path = String(host.dropFirst("unix://".count))
      return path.isEmpty
        ? .failure("DOCKER_HOST \(host) names no socket") : .success(.unixSocket(path))
    }
    if host.hasPrefix("tcp://") {
      let rest = host.dropFirst("tcp://".count).split(separator: "/").first.map(String.init) ?? ""
      guard let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].isEmpty else {
        return .failure("DOCKER_HOST \(redactSecrets(host)) has no port")
      }
      let digits = rest[rest.index(after: colon)...]
      // Digits only and 1...65535: `Int("-1")` and 99999 would reach SocketAddress and trap.
      guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(digits.prefix(6)),
        (1...65535).contains(port)
      else {
        return .failure(
          "DOCKER_HOST \(redactSecrets(host)) has port '\(digits.prefix(12))': a port is a number from 1 to 65535")
      }
      var name = String(rest[..<colon])
      if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
      return .success(.host(name, port: port))
    }
    return .failure(
      "DOCKER_HOST \(redactSecrets(host)) uses a scheme regdoctor cannot query (only unix:// and tcp://)"
    )
  }

  private static func askInfo(_ target: ConnectTarget, context: ProbeContext) -> Outcome<
    [String: Any]
  > {
    let connection: ProbeConnection
    switch ProbeConnection.open(
      target, context: context, inboxCapacity: HTTPSProbe.headLimit + bodyLimit + 64 * 1024)
    {
    case .success(let opened): connection = opened
    case .failure(let failure): return .failure(failure.message)
    }
    defer { connection.close() }
    connection.send(
      requestHead(
        method: "GET", target: "/info",
        headers: [("Host", "docker"), ("User-Agent", "regdoctor"), ("Connection", "close")]))
    let limit = HTTPSProbe.headLimit
    let (state, head) = connection.inbox.waitForResponseHead(limit: limit, until: context.deadline)
    switch head {
    case .complete(let head, let length):
      let body = readBody(
        from: connection.inbox, headLength: length, framing: BodyFraming(head: head),
        limit: bodyLimit,
        deadline: context.deadline)
      guard head.statusCode == 200 else {
        return .notDocker("GET /info answered \(head.statusLine)")
      }
      guard let object = JSONAny.parse(body) as? [String: Any]
      else {
        return .notDocker("GET /info answered 200 but the body is not a JSON object")
      }
      return .success(object)
    case .notHTTP:
      return .notDocker("the socket answered something that is not HTTP: \(preview(state.bytes))")
    case .tooLarge:
      return .notDocker("the answer's headers are larger than 64 KiB")
    case .incomplete:
      if state.closed || state.error != nil {
        return .failure("the connection closed before an answer")
      }
      return .failure(
        context.cancellation.isCancelled ? "cancelled" : "no answer before the deadline")
    }
  }

  /// The drop-ins (sorted, as systemd applies them) and daemon.json, those that exist.
  static func readSources(_ paths: DaemonConfigPaths) -> [DaemonProxySource] {
    var sources: [DaemonProxySource] = []
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: paths.systemdDropInDirectory)) ?? []
    for name in names.sorted() where name.hasSuffix(".conf") {
      let path = pathJoined(paths.systemdDropInDirectory, name)
      // A drop-in that sets no proxy variable says nothing about proxies: parseSystemdDropIn gives nil.
      if let source = read(path, parse: { DaemonProxyConfigParser.parseSystemdDropIn(path: path, text: $0) }) {
        sources.append(source)
      }
    }
    if FileManager.default.fileExists(atPath: paths.daemonJSON),
      let source = read(
        paths.daemonJSON, parse: { DaemonProxyConfigParser.parseDaemonJSON(path: paths.daemonJSON, text: $0) })
    {
      sources.append(source)
    }
    return sources
  }

  private static func read(_ path: String, parse: (String) -> DaemonProxySource?) -> DaemonProxySource? {
    switch BoundedFile.read(path, limit: configFileLimit) {
    case .success(let bytes):
      return parse(String(decoding: bytes, as: UTF8.self))
    case .failure(let failure):
      return DaemonProxySource(
        path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil, parseError: failure.description)
    }
  }
}

extension Dictionary where Key == String, Value == Any {
  /// `RegistryConfig.Mirrors` of /info (dockerd normalises each to `https://host[:port]/`), redacted; at most 32.
  fileprivate var registryMirrors: [String] {
    let config = (self["RegistryConfig"] as? [String: Any]) ?? [:]
    let mirrors = (config["Mirrors"] ?? config.first { $0.key.isEqualIgnoringCase("Mirrors") }?.value) as? [Any] ?? []
    return mirrors.prefix(32).compactMap { $0 as? String }.filter { !$0.isEmpty }.map {
      redactSecrets(shownText($0, keepNewlines: false))
    }
  }

  /// A string value by key, ignoring case (`HttpProxy` / `HTTPProxy`); nil when absent or empty.
  fileprivate func string(_ key: String) -> String? {
    let value = self[key] ?? first { $0.key.isEqualIgnoringCase(key) }?.value
    guard let text = value as? String, !text.isEmpty else { return nil }
    return text
  }
}
