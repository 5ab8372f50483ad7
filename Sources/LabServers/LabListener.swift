import Foundation
import NIOCore
import NIOPosix

/// The lab servers' shared plumbing: one event loop thread, binding, and closing every connection on stop (a
/// server that hangs on purpose must not keep a test's connections alive after the test).
public enum LabServers {
  public static let eventLoopGroup: MultiThreadedEventLoopGroup = MultiThreadedEventLoopGroup(
    numberOfThreads: 1)
}

/// A bound server channel and the connections it accepted.
final class LabListener: @unchecked Sendable {
  private let lock = NSLock()
  private var serverChannel: Channel?
  private var address: SocketAddress?
  private var connections: [ObjectIdentifier: Channel] = [:]

  /// The port the listener got (port 0 picks a free one); nil before it is bound and for a unix socket.
  var boundPort: Int? { lock.withLock { address?.port } }

  /// `host:port` (port 0 picks a free one) or a unix socket path; `initialize` sets up each accepted connection.
  func bind(
    host: String, port: Int, initialize: @escaping @Sendable (Channel) throws -> Void
  ) throws -> SocketAddress {
    try start(initialize) { $0.bind(host: host, port: port) }
  }

  func bind(unixSocket path: String, initialize: @escaping @Sendable (Channel) throws -> Void)
    throws -> SocketAddress
  {
    try start(initialize) { $0.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) }
  }

  private func start(
    _ initialize: @escaping @Sendable (Channel) throws -> Void,
    bind: (ServerBootstrap) -> EventLoopFuture<Channel>
  ) throws -> SocketAddress {
    let bootstrap = ServerBootstrap(group: LabServers.eventLoopGroup)
      .serverChannelOption(.backlog, value: 128)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { [weak self] channel in
        self?.track(channel)
        return channel.eventLoop.makeCompletedFuture { try initialize(channel) }
      }
    let channel = try bind(bootstrap).wait()
    lock.withLock { serverChannel = channel }
    guard let address = channel.localAddress else {
      throw LabServerError("the listener has no local address")
    }
    lock.withLock { self.address = address }
    return address
  }

  private func track(_ channel: Channel) {
    let id = ObjectIdentifier(channel)
    lock.withLock { connections[id] = channel }
    channel.closeFuture.whenComplete { [weak self] _ in
      _ = self?.lock.withLock { self?.connections.removeValue(forKey: id) }
    }
  }

  /// Stops listening and closes every open connection; waits for the listener to close.
  func stop() {
    let (server, open) = lock.withLock { (serverChannel, Array(connections.values)) }
    open.forEach { $0.close(promise: nil) }
    try? server?.close().wait()
  }
}

public struct LabServerError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A request's head as a lab server reads it.
struct LabRequest {
  var method: String
  var target: String
  var headers: [(name: String, value: String)]

  func header(_ name: String) -> String? {
    headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// Collects one request head (bounded), then hands it over; anything that cannot be an HTTP request (a TLS
/// ClientHello sent to a plain server) is answered 400 at once instead of waiting for a blank line that never comes.
/// In a pipeline of its own it is a whole one-request server: what a connection sends after the head is ignored,
/// and an error ends the connection.
final class RequestHeadReader: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  static let limit = 64 * 1024

  private var bytes: [UInt8] = []
  private var done = false
  private let log: LabRequestLog?
  private let onRequest: (ChannelHandlerContext, LabRequest, [UInt8]) -> Void

  /// With `log`, each request is recorded there before it is handed over.
  init(
    log: LabRequestLog? = nil,
    onRequest: @escaping (ChannelHandlerContext, LabRequest, _ leftover: [UInt8]) -> Void
  ) {
    self.log = log
    self.onRequest = onRequest
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !done else { return }
    bytes.append(contentsOf: unwrapInboundIn(data).readableBytesView)
    if let first = bytes.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
      done = true
      return answerBadRequest(context)
    }
    guard let end = headEnd() else {
      if bytes.count > Self.limit {
        done = true
        answerBadRequest(context)
      }
      return
    }
    done = true
    guard let request = parse(bytes[..<end]) else { return answerBadRequest(context) }
    log?.record(request)
    onRequest(context, request, Array(bytes[(end + 4)...]))
  }

  /// Every lab server answers what is not a request alike: 400, and the connection closed.
  private func answerBadRequest(_ context: ChannelHandlerContext) {
    context.writeAndClose(labResponse(status: "400 Bad Request"))
  }

  private func headEnd() -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4)
    where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13
      && bytes[index + 3] == 10
    {
      return index
    }
    return nil
  }

  private func parse(_ head: ArraySlice<UInt8>) -> LabRequest? {
    var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines.removeFirst().split(separator: " ")
    guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
    let headers = lines.compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (
        String(line[..<colon]),
        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    return LabRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
  }
}

/// A complete response with Content-Length, ready to write.
func labResponse(status: String, headers: [(String, String)] = [], body: String = "") -> ByteBuffer {
  var text = "HTTP/1.1 \(status)\r\n"
  for (name, value) in headers { text += "\(name): \(value)\r\n" }
  text += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
  return ByteBuffer(string: text)
}

extension ChannelHandlerContext {
  /// Writes and then closes: every lab response is the last one on its connection.
  func writeAndClose(_ buffer: ByteBuffer) {
    let channel = self.channel
    writeAndFlush(NIOAny(buffer)).whenComplete { _ in channel.close(promise: nil) }
  }
}
