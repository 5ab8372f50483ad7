import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// An ACR-like registry front door: `/v2/` answers 401 with a Bearer challenge, `/oauth2/token` hands out an
/// anonymous token, and the fault modes reproduce what the field sees (firewall 403, hangs, garbage, ...).
public final class RegistryServer: @unchecked Sendable {
  public enum Mode: String, Sendable, CaseIterable {
    case normal
    /// ACR's firewall: 403 DENIED naming the client's IP, as the registry saw it.
    case denyClientIP = "deny-client-ip"
    /// TLS completes, the request is read, nothing is ever answered.
    case hangAfterHandshake = "hang"
    /// Answers bytes that are not HTTP.
    case garbage
    /// A status line followed by 1 MiB of headers.
    case hugeHeaders = "huge-headers"
    /// Closes as soon as the TLS handshake is done (or at once, without TLS).
    case closeAfterHandshake = "close"
    /// A gateway in front of the registry whose upstream is gone: 502 to every request, at once.
    case badGateway = "bad-gateway"
    /// `/v2/` and the token answer; a gateway routing the repository paths to a dead upstream answers them 502.
    case pullBadGateway = "pull-bad-gateway"
    /// The token flow and the manifest as normal; blob GETs redirect to themselves, forever.
    case redirectLoop = "redirect-loop"
    /// Blob GETs redirect to plain http.
    case redirectPlainHTTP = "redirect-http"
    /// Manifest GETs answer 200 and a body that never ends (no Content-Length).
    case hugeManifest = "huge-manifest"
    /// Blob GETs answer 200 and a body that never ends, whatever Range asked.
    case endlessBlob = "endless-blob"
  }

  public struct Configuration: Sendable {
    public var host: String
    public var port: Int
    /// nil serves plain HTTP.
    public var tls: TLSConfiguration?
    public var mode: Mode
    /// The name in the challenge's realm and service; the listen address when nil.
    public var registryName: String?
    /// A real image served behind the token flow (`/v2/REPO/manifests/…`, `/v2/REPO/blobs/…`) and, as a data
    /// endpoint or storage account would, at its signed blob URLs.
    public var image: LabImage?
    /// Blob GETs answer 307 to this host (`NAME.REGION.data.azurecr.io`), as ACR does; nil serves them here.
    public var blobRedirectHost: String?
    /// The host the challenge's realm names when the token service lives elsewhere (`auth.example`); nil names
    /// the registry itself.
    public var realmHost: String?

    public init(
      host: String = "127.0.0.1", port: Int = 0, tls: TLSConfiguration?, mode: Mode = .normal,
      registryName: String? = nil, image: LabImage? = nil, blobRedirectHost: String? = nil, realmHost: String? = nil
    ) {
      self.host = host
      self.port = port
      self.tls = tls
      self.mode = mode
      self.registryName = registryName
      self.image = image
      self.blobRedirectHost = blobRedirectHost
      self.realmHost = realmHost
    }
  }

  public let configuration: Configuration
  private let listener = LabListener()
  private let requests = LabRequestLog()

  public init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// Binds and starts serving; returns the bound port.
  @discardableResult
  public func start() throws -> Int {
    try listener.bind(host: configuration.host, port: configuration.port, tls: configuration.tls) {
      [self] channel in
      if configuration.mode == .closeAfterHandshake {
        try channel.pipeline.syncOperations.addHandler(CloseAfterHandshake(usesTLS: configuration.tls != nil))
      }
      try channel.pipeline.syncOperations.addHandler(
        RequestHeadReader(log: requests) { [self] context, request, _ in answer(request, context) })
    }
  }

  public var port: Int { listener.boundPort ?? configuration.port }

  /// `GET /v2/`, `GET /oauth2/token?...`: the request lines seen so far.
  public var requestLines: [String] { requests.all }
  public var requestCount: Int { requests.count }

  public func stop() { listener.stop() }

  /// The registry's own name: the challenge's service, and its realm unless `realmHost` names another host.
  var serviceName: String {
    configuration.registryName ?? hostPortText(configuration.host, port)
  }

  var realmHost: String { configuration.realmHost ?? serviceName }
}

private func hostPortText(_ host: String, _ port: Int) -> String {
  let bracketed = host.contains(":") ? "[\(host)]" : host
  return port == 443 ? bracketed : "\(bracketed):\(port)"
}

/// The `close` mode: hangs up as soon as the TLS handshake is done, or at once without TLS.
private final class CloseAfterHandshake: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  private let usesTLS: Bool

  init(usesTLS: Bool) { self.usesTLS = usesTLS }

  func channelActive(context: ChannelHandlerContext) {
    if !usesTLS { context.close(promise: nil) }
    context.fireChannelActive()
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted = event as? TLSUserEvent { context.close(promise: nil) }
    context.fireUserInboundEventTriggered(event)
  }
}

extension RegistryServer {
  fileprivate func answer(_ request: LabRequest, _ context: ChannelHandlerContext) {
    let json = [
      ("Content-Type", "application/json; charset=utf-8"),
      ("Docker-Distribution-Api-Version", "registry/2.0"),
    ]
    switch configuration.mode {
    case .closeAfterHandshake:
      context.close(promise: nil)
    case .hangAfterHandshake:
      break
    case .garbage:
      var buffer = ByteBuffer(bytes: [0x00, 0xff, 0x13, 0x37])
      buffer.writeString("\u{1}this is not HTTP at all\r\n\r\n")
      context.writeAndClose(buffer)
    case .hugeHeaders:
      Self.writeHugeHeaders(context)
    case .denyClientIP:
      let ip = context.channel.remoteAddress?.ipAddress ?? "unknown"
      let body =
        #"{"errors":[{"code":"DENIED","message":"client with IP '\#(ip)' is not allowed access. "#
        + #"Refer https://aka.ms/acr/firewall to grant access."}]}"#
      context.writeAndClose(labResponse(status: "403 Forbidden", headers: json, body: body))
    case .normal:
      context.writeAndClose(RegistryRoutes(server: self).response(to: request))
    case .badGateway, .pullBadGateway, .redirectLoop, .redirectPlainHTTP, .hugeManifest, .endlessBlob:
      if !RegistryFaultRoutes.answer(request, mode: configuration.mode, context: context) {
        context.writeAndClose(RegistryRoutes(server: self).response(to: request))
      }
    }
  }

  /// 1 MiB of headers in 64 KiB writes, never ending with a blank line: a client must give up on its own.
  private static func writeHugeHeaders(_ context: ChannelHandlerContext) {
    context.write(NIOAny(ByteBuffer(string: "HTTP/1.1 200 OK\r\n")), promise: nil)
    let line = "X-Filler: " + String(repeating: "a", count: 1014) + "\r\n"
    let chunk = String(repeating: line, count: 64)
    for _ in 0..<16 { context.write(NIOAny(ByteBuffer(string: chunk)), promise: nil) }
    context.flush()
  }
}
