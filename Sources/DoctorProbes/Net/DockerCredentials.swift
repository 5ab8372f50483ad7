import Dispatch
import DoctorCore
import FoundationEssentials

/// The credentials `docker pull` would send to a registry: the Docker CLI's config (`$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`): `credHelpers[host]`, else `auths[host]`, else `credsStore`; a helper is
/// `docker-credential-NAME get`, given the host on stdin and run as a bounded child. The secret lives only in the
/// returned value, for the Authorization header: never shown, never written, never in facts or evidence.
struct RegistryCredential: Sendable {
  let username: String
  let secret: String
  /// `~/.docker/config.json auths`, `docker-credential-acr-env`: what reports may say.
  let source: String

  /// `Basic base64(user:secret)`. An identity token (`<token>` as the user name) goes as ACR's refresh token does.
  var basicAuthorization: String {
    let user = username == "<token>" ? "00000000-0000-0000-0000-000000000000" : username
    return "Basic " + Data("\(user):\(secret)".utf8).base64EncodedString()
  }
}

enum DockerCredentials {
  static let configLimit = 1024 * 1024
  static let helperOutputLimit = 64 * 1024

  /// The credential for `host` (`contoso.azurecr.io`, `host:5000`), or why there is none that could be read.
  /// Missing config: anonymous, no problem.
  static func lookup(host: String, environment: [String: String], context: ProbeContext)
    -> (credential: RegistryCredential?, problem: String?)
  {
    let directory = environment["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    guard let base = directory ?? environment["HOME"].map({ "\($0)/.docker" }) else { return (nil, nil) }
    let path = base + "/config.json"
    let shownPath = directory == nil ? "~/.docker/config.json" : "$DOCKER_CONFIG/config.json"
    let bytes: [UInt8]
    switch BoundedFile.readPrefix(path, limit: configLimit + 1) {
    case .success(let read): bytes = read
    case .failure(.missing): return (nil, nil)
    case .failure: return (nil, "\(shownPath) cannot be read")
    }
    guard bytes.count <= configLimit else { return (nil, "\(shownPath) is larger than 1 MiB: not read") }
    guard let config = try? JSONDecoder().decode(ConfigFile.self, from: Data(bytes)) else {
      return (nil, "\(shownPath) is not valid JSON: not read")
    }
    if let helper = config.credHelpers?[host] ?? nil, !helper.isEmpty {
      return runHelper(helper, host: host, environment: environment, context: context)
    }
    for (key, entry) in config.auths ?? [:] where matches(key, host) {
      if let credential = entry.credential(source: "\(shownPath) auths") { return (credential, nil) }
    }
    if let store = config.credsStore, !store.isEmpty {
      return runHelper(store, host: host, environment: environment, context: context)
    }
    return (nil, nil)
  }

  /// `contoso.azurecr.io`, `https://contoso.azurecr.io`, `https://contoso.azurecr.io/v1/` name the same host.
  static func matches(_ key: String, _ host: String) -> Bool {
    var k = Substring(key.lowercased())
    for prefix in ["https://", "http://"] where k.hasPrefix(prefix) { k = k.dropFirst(prefix.count) }
    let hostPart = k.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
    if host.lowercased() == "registry-1.docker.io" && hostPart == "index.docker.io" { return true }
    return hostPart == host.lowercased()
  }

  /// Helper names are a word (`acr-env`, `ecr-login`, `pass`): never a path, so nothing but a PATH lookup runs.
  static func runHelper(_ name: String, host: String, environment: [String: String], context: ProbeContext)
    -> (credential: RegistryCredential?, problem: String?)
  {
    let program = "docker-credential-\(name)"
    guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
      let executable = AzureProbe.findExecutable(program, searchPath: environment["PATH"])
    else { return (nil, "the credential helper \(program) is not on PATH: the pull was followed anonymously") }
    // A helper gets a share of the time, not all of it: the pull still has to be followed.
    let deadline = min(context.deadline, .now() + .milliseconds(max(200, Int(context.remainingSeconds * 400))))
    let output = BoundedCommand.run(
      executable: executable, arguments: ["get"], environment: environment, deadline: deadline,
      cancellation: context.cancellation, stdoutCap: helperOutputLimit, stdin: Array(host.utf8))
    guard case .exited(0) = output.ending else {
      return (nil, "\(program) get did not give credentials for \(host): the pull was followed anonymously")
    }
    guard let answer = try? JSONDecoder().decode(HelperAnswer.self, from: output.stdout), !answer.Secret.isEmpty
    else { return (nil, "\(program) get answered something that is not its JSON: not used") }
    return (RegistryCredential(username: answer.Username ?? "", secret: answer.Secret, source: program), nil)
  }

  private struct ConfigFile: Decodable {
    var auths: [String: AuthEntry]?
    var credHelpers: [String: String?]?
    var credsStore: String?
  }

  private struct AuthEntry: Decodable {
    var auth: String?
    var username: String?
    var password: String?
    var identitytoken: String?

    func credential(source: String) -> RegistryCredential? {
      if let token = identitytoken, !token.isEmpty {
        return RegistryCredential(username: "<token>", secret: token, source: source)
      }
      if let auth, let data = Data(base64Encoded: auth), let text = String(data: data, encoding: .utf8),
        let colon = text.firstIndex(of: ":")
      {
        return RegistryCredential(
          username: String(text[..<colon]), secret: String(text[text.index(after: colon)...]), source: source)
      }
      if let username, let password, !username.isEmpty {
        return RegistryCredential(username: username, secret: password, source: source)
      }
      return nil
    }
  }

  private struct HelperAnswer: Decodable {
    var Username: String?
    var Secret: String
  }
}
