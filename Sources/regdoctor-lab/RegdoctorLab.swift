import ArgumentParser
import Dispatch
import Foundation
import LabServers

struct RegdoctorLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "regdoctor-lab",
    abstract:
      "Real servers for regdoctor's lab: a test PKI, an ACR-like registry, a CONNECT proxy, a Docker API.",
    discussion: """
      Servers run in the foreground until SIGTERM or SIGINT. Once listening they print `ready ADDR:PORT` \
      (or `ready PATH`) on stdout, so scripts can wait for that line.
      """,
    subcommands: [PKI.self, Registry.self, Proxy.self, DockerAPI.self])
}

/// `ADDR:PORT` or `[v6]:PORT`.
struct ListenAddress: ExpressibleByArgument {
  let host: String
  let port: Int

  init?(argument: String) {
    guard let colon = argument.lastIndex(of: ":"),
      let port = Int(argument[argument.index(after: colon)...]),
      (0...65535).contains(port)
    else { return nil }
    var host = String(argument[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { return nil }
    self.host = host
    self.port = port
  }

  func text(port actual: Int) -> String {
    host.contains(":") ? "[\(host)]:\(actual)" : "\(host):\(actual)"
  }
}

/// Prints the ready line, then blocks until SIGTERM or SIGINT and runs `stop`.
func serveUntilSignalled(ready: String, stop: () -> Void) {
  let stopped = DispatchSemaphore(value: 0)
  var sources: [DispatchSourceSignal] = []
  for number in [SIGTERM, SIGINT] {
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { stopped.signal() }
    source.resume()
    sources.append(source)
  }
  // Unbuffered write: the line must reach a pipe now, not when a stdio buffer fills.
  FileHandle.standardOutput.write(Data("ready \(ready)\n".utf8))
  stopped.wait()
  stop()
  sources.forEach { $0.cancel() }
}

struct PKI: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a CA (ca.pem) and leaves (NAME.pem, NAME-key.pem) into a directory.")

  @Option(help: "Directory to write into (created if needed).") var out: String
  @Option(name: .customLong("ca-name"), help: "The CA's common name.")
  var caName = "Microsoft Azure RSA TLS Issuing CA 07 (regdoctor lab)"
  @Option(name: .customLong("ca-org"), help: "The CA's organisation (O=).") var caOrg =
    "Microsoft Corporation"
  @Option(
    name: .customLong("leaf"), help: "NAME=DNS1,DNS2,IP1: a server certificate for these names.")
  var leaves: [String] = []
  @Option(
    name: .customLong("expired-leaf"), help: "NAME=DNS1,...: like --leaf, but expired yesterday.")
  var expiredLeaves: [String] = []

  func run() throws {
    let pki = try TestPKI(caName: caName, organization: caOrg)
    var issued: [String: TestPKI.Issued] = [:]
    for (spec, expired) in leaves.map({ ($0, false) }) + expiredLeaves.map({ ($0, true) }) {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains("/") else {
        throw ValidationError("--leaf wants NAME=DNS1,DNS2,IP1, got \(spec)")
      }
      let names = parts[1].split(separator: ",").map(String.init)
      guard !names.isEmpty else { throw ValidationError("--leaf \(spec) names no host") }
      issued[parts[0]] = try pki.issueLeaf(.init(names: names, expired: expired))
    }
    try pki.write(to: out, leaves: issued)
    print(
      "wrote \(out)/ca.pem" + issued.keys.sorted().map { ", \($0).pem, \($0)-key.pem" }.joined())
  }
}

struct Registry: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "An ACR-like registry: /v2/ answers 401 Bearer; optionally serves a real image.")

  @Option(help: "ADDR:PORT to listen on (port 0 picks one).") var listen: ListenAddress
  @Option(
    help: "PEM certificate (chain) file; without --cert/--key the registry speaks plain HTTP.")
  var cert: String?
  @Option(help: "PEM private key file.") var key: String?
  @Option(
    help:
      "normal | deny-client-ip | hang | garbage | huge-headers | close | bad-gateway | pull-bad-gateway | redirect-loop | redirect-http | huge-manifest | endless-blob"
  ) var mode =
    "normal"
  @Option(help: "Registry name used in the Bearer realm and service (default: the listen address).")
  var name: String?
  @Option(
    name: .customLong("realm-host"),
    help: "HOST the Bearer realm names instead of the registry (a token service elsewhere).")
  var realmHost: String?
  @Option(help: "REPO[:TAG]: serve a real, tiny image behind the token flow (and at its signed blob URLs).")
  var image: String?
  @Option(
    name: .customLong("blob-redirect"),
    help: "HOST: answer blob GETs with 307 to this data endpoint, as ACR does.")
  var blobRedirect: String?

  func run() throws {
    guard let mode = RegistryServer.Mode(rawValue: mode) else {
      throw ValidationError(
        "unknown --mode \(mode); one of \(RegistryServer.Mode.allCases.map(\.rawValue))")
    }
    let tls = try tlsConfiguration(cert: cert, key: key)
    let server = RegistryServer(
      .init(
        host: listen.host, port: listen.port, tls: tls, mode: mode, registryName: name,
        image: image.map { LabImage(reference: $0) }, blobRedirectHost: blobRedirect, realmHost: realmHost))
    let port = try server.start()
    serveUntilSignalled(ready: listen.text(port: port)) { server.stop() }
  }
}

struct Proxy: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "An HTTP CONNECT proxy that tunnels, denies or hangs up.")

  @Option(help: "ADDR:PORT to listen on (port 0 picks one).") var listen: ListenAddress
  @Option(help: "tunnel | deny-403 | deny-407 | eof") var mode = "tunnel"
  @Option(
    name: .customLong("tls-cert"), help: "Speak TLS (an https:// proxy) with this certificate.")
  var tlsCert: String?
  @Option(name: .customLong("tls-key"), help: "The TLS private key.") var tlsKey: String?
  @Option(
    name: .customLong("map"),
    help: "HOST=ADDR or HOST=ADDR:PORT: where a CONNECT to HOST really goes.")
  var maps: [String] = []
  @Option(help: "Require Proxy-Authorization Basic with this user (with --password).") var user: String?
  @Option(help: "The password --user needs.") var password: String?
  @Flag(
    name: .customLong("allow-any-target"),
    help: "Tunnel to unmapped, non-loopback targets (netns lab only).")
  var allowAnyTarget = false

  func run() throws {
    let proxyMode: ConnectProxy.Mode
    switch mode {
    case "tunnel": proxyMode = .tunnel
    case "deny-403": proxyMode = .deny(403)
    case "deny-407": proxyMode = .deny(407)
    case "eof": proxyMode = .closeOnConnect
    default: throw ValidationError("unknown --mode \(mode); one of tunnel, deny-403, deny-407, eof")
    }
    var resolve: [String: String] = [:]
    for map in maps {
      let parts = map.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("--map wants HOST=ADDR, got \(map)")
      }
      resolve[parts[0]] = parts[1]
    }
    if (user == nil) != (password == nil) {
      throw ValidationError("--user and --password go together")
    }
    let credentials = user.flatMap { user in password.map { (username: user, password: $0) } }
    let proxy = ConnectProxy(
      .init(
        host: listen.host, port: listen.port, mode: proxyMode,
        tls: try tlsConfiguration(cert: tlsCert, key: tlsKey),
        credentials: credentials, resolve: resolve, allowAnyTarget: allowAnyTarget))
    let port = try proxy.start()
    serveUntilSignalled(ready: listen.text(port: port)) { proxy.stop() }
  }
}

struct DockerAPI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docker-api", abstract: "The Docker Engine API's GET /info on a unix socket.")

  @Option(help: "Unix socket path to listen on (replaced if it exists).") var socket: String
  @Option(name: .customLong("https-proxy"), help: "HttpsProxy to report.") var httpsProxy = ""
  @Option(name: .customLong("http-proxy"), help: "HttpProxy to report.") var httpProxy = ""
  @Option(name: .customLong("no-proxy"), help: "NoProxy to report.") var noProxy = ""
  @Option(help: "normal | garbage") var mode = "normal"

  func run() throws {
    guard let mode = DockerAPIServer.Mode(rawValue: mode) else {
      throw ValidationError("unknown --mode \(mode); one of normal, garbage")
    }
    let server = DockerAPIServer(
      .init(
        socketPath: socket, httpProxy: httpProxy, httpsProxy: httpsProxy, noProxy: noProxy,
        mode: mode))
    try server.start()
    serveUntilSignalled(ready: socket) { server.stop() }
  }
}

private func tlsConfiguration(cert: String?, key: String?) throws -> LabTLSConfiguration? {
  switch (cert, key) {
  case (nil, nil): return nil
  case (let cert?, let key?):
    return try LabTLS.serverConfiguration(certificateFile: cert, keyFile: key)
  default:
    throw ValidationError(
      "a certificate needs its key: give both --cert/--tls-cert and --key/--tls-key")
  }
}
