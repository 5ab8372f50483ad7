import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// An HTTP CONNECT proxy that tunnels, refuses (403, 407), hangs up, or speaks TLS where plain HTTP is expected:
/// the proxies regdoctor meets in the field, on loopback.
public final class ConnectProxy: @unchecked Sendable {
  public enum Mode: Sendable, Equatable {
    /// Connects to the requested host:port and relays bytes both ways.
    case tunnel
    /// Answers CONNECT with this status (403 Forbidden, 407 Proxy Authentication Required) and closes.
    case deny(Int)
    /// Reads the CONNECT and closes without a word (Go: `proxyconnect tcp: EOF`).
    case closeOnConnect
    /// A careless proxy: refuses with 407 and echoes the credentials it got, decoded in the status line and as the
    /// raw base64 in the body.
    case echoCredentials
  }

  public struct Configuration: Sendable {
    public var host: String
    public var port: Int
    public var mode: Mode
    /// When set, the proxy speaks TLS first (an `https://` proxy); plain bytes get a TLS alert back.
    public var tls: TLSConfiguration?
    /// When set, CONNECT needs `Proxy-Authorization: Basic` with exactly these.
    public var credentials: (username: String, password: String)?
    /// Host -> `ip` or `ip:port`: where a CONNECT to that host really goes (`contoso.azurecr.io` -> `127.0.0.1:8443`).
    public var resolve: [String: String]
    /// Unmapped targets must be loopback unless this is set (the netns lab sets it; tests never do).
    public var allowAnyTarget: Bool

    public init(
      host: String = "127.0.0.1", port: Int = 0, mode: Mode = .tunnel, tls: TLSConfiguration? = nil,
      credentials: (username: String, password: String)? = nil, resolve: [String: String] = [:],
      allowAnyTarget: Bool = false
    ) {
      self.host = host
      self.port = port
      self.mode = mode
      self.tls = tls
      self.credentials = credentials
      self.resolve = resolve
      self.allowAnyTarget = allowAnyTarget
    }
  }

  /// One CONNECT the proxy received.
  public struct Attempt: Sendable, Equatable {
    public let target: String
    public let sentProxyAuthorization: Bool
    /// The decoded `user:password` of a Basic Proxy-Authorization, for tests that check what was sent.
    public let basicCredentials: String?
  }

  public let configuration: Configuration
  private let listener = LabListener()
  private let lock = NSLock()
  private var recorded: [Attempt] = []

  public init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  @discardableResult
  public func start() throws -> Int {
    try listener.bind(
      host: configuration.host, port: configuration.port, tls: configuration.tls, alertOnPlainBytes: true
    ) { [self] channel in
      try channel.pipeline.syncOperations.addHandler(ProxyConnectionHandler(proxy: self))
    }
  }

  public var port: Int { listener.boundPort ?? configuration.port }
  public var attempts: [Attempt] { lock.withLock { recorded } }
  public func stop() { listener.stop() }

  fileprivate func record(_ attempt: Attempt) { lock.withLock { recorded.append(attempt) } }

  /// Where a CONNECT target really goes, or nil when the proxy will not go there.
  fileprivate func destination(for target: String) -> (host: String, port: Int)? {
    guard let (host, port) = splitHostPort(target) else { return nil }
    if let mapped = configuration.resolve[host] {
      if ipBytes(mapped) != nil { return (mapped, port) }
      return splitHostPort(mapped)
    }
    if configuration.allowAnyTarget || host == "localhost" || isLoopback(host) {
      return (host, port)
    }
    return nil
  }
}

/// `host:port` or `[v6]:port`.
func splitHostPort(_ text: String) -> (String, Int)? {
  guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...])
  else { return nil }
  var host = String(text[..<colon])
  if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
  return host.isEmpty ? nil : (host, port)
}

private func isLoopback(_ host: String) -> Bool {
  guard let bytes = ipBytes(host) else { return false }
  return bytes.count == 4 ? bytes[0] == 127 : bytes == Array(repeating: 0, count: 15) + [1]
}

private final class ProxyConnectionHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  private enum State {
    case readingRequest(RequestHeadReader)
    case connecting(pending: [ByteBuffer])
    case relaying(Channel)
    case done
  }

  private let proxy: ConnectProxy
  private var state: State = .done

  init(proxy: ConnectProxy) {
    self.proxy = proxy
  }

  func handlerAdded(context: ChannelHandlerContext) {
    state = .readingRequest(
      RequestHeadReader(
        onRequest: { [unowned self] context, request, leftover in
          self.handle(request, leftover: leftover, context)
        }))
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch state {
    case .readingRequest(let reader): reader.channelRead(context: context, data: data)
    case .connecting(let pending): state = .connecting(pending: pending + [unwrapInboundIn(data)])
    case .relaying(let target): target.writeAndFlush(unwrapInboundIn(data), promise: nil)
    case .done: break
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    if case .relaying(let target) = state { target.close(promise: nil) }
    state = .done
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }

  private func handle(_ request: LabRequest, leftover: [UInt8], _ context: ChannelHandlerContext) {
    let authorization = request.header("Proxy-Authorization")
    proxy.record(
      ConnectProxy.Attempt(
        target: request.target, sentProxyAuthorization: authorization != nil,
        basicCredentials: authorization.flatMap(decodeBasic)))
    state = .done
    guard request.method == "CONNECT" else {
      return context.writeAndClose(labResponse(status: "405 Method Not Allowed"))
    }
    if let required = proxy.configuration.credentials,
      authorization.flatMap(decodeBasic) != "\(required.username):\(required.password)"
    {
      return context.writeAndClose(deny(407))
    }
    switch proxy.configuration.mode {
    case .closeOnConnect: context.close(promise: nil)
    case .deny(let status): context.writeAndClose(deny(status))
    case .echoCredentials:
      let basic = authorization.map { String($0.split(separator: " ").last ?? "") } ?? ""
      context.writeAndClose(
        labResponse(
          status: "407 Denied for \(authorization.flatMap(decodeBasic) ?? "nobody") [\(basic)]",
          body: "credentials \(basic) are not valid here\n"))
    case .tunnel: open(request.target, leftover: leftover, context)
    }
  }

  private func open(_ target: String, leftover: [UInt8], _ context: ChannelHandlerContext) {
    guard let destination = proxy.destination(for: target) else {
      return context.writeAndClose(
        labResponse(status: "502 Bad Gateway", body: "target not allowed in the lab\n"))
    }
    state = .connecting(pending: leftover.isEmpty ? [] : [ByteBuffer(bytes: leftover)])
    let client = context.channel
    let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    ClientBootstrap(group: context.eventLoop)
      .connectTimeout(.seconds(5))
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(RelayHandler(partner: client))
        }
      }
      .connect(host: destination.host, port: destination.port)
      .whenComplete { result in
        let (handler, context) = loopBound.value
        switch result {
        case .success(let targetChannel): handler.relay(to: targetChannel, context)
        case .failure: context.writeAndClose(labResponse(status: "502 Bad Gateway"))
        }
      }
  }

  private func relay(to target: Channel, _ context: ChannelHandlerContext) {
    guard case .connecting(let pending) = state else {
      target.close(promise: nil)
      return
    }
    state = .relaying(target)
    context.writeAndFlush(
      NIOAny(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n")), promise: nil)
    for buffer in pending { target.writeAndFlush(buffer, promise: nil) }
  }

  private func deny(_ status: Int) -> ByteBuffer {
    switch status {
    case 407:
      return labResponse(
        status: "407 Proxy Authentication Required",
        headers: [("Proxy-Authenticate", #"Basic realm="regdoctor-lab""#)],
        body: "ERR_CACHE_ACCESS_DENIED\n")
    case 403:
      return labResponse(
        status: "403 Forbidden", headers: [("X-Squid-Error", "ERR_ACCESS_DENIED 0")],
        body: "ERR_ACCESS_DENIED\n")
    default:
      return labResponse(status: "\(status) Denied")
    }
  }
}

private func decodeBasic(_ header: String) -> String? {
  let parts = header.split(separator: " ", maxSplits: 1)
  guard parts.count == 2, parts[0].lowercased() == "basic",
    let data = Data(base64Encoded: String(parts[1]))
  else {
    return nil
  }
  return String(decoding: data, as: UTF8.self)
}

/// The target side of a tunnel: everything it reads goes back to the client.
private final class RelayHandler: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  let partner: Channel

  init(partner: Channel) { self.partner = partner }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    partner.close(promise: nil)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }
}
