import Dispatch
import DoctorCore
import FoundationEssentials
import NIOCore
import NIOPosix
import NIOSSL
import X509

/// One probe's TCP (or unix socket) connection, driven from a blocking thread: send bytes, wait on the inbox,
/// add TLS layers as the conversation goes (proxy TLS, then the registry's TLS inside the tunnel).
final class ProbeConnection {
  let channel: Channel
  let inbox: ByteInbox
  private let inboxHandler: InboxHandler
  /// Kept alive with the connection: the cancellation handler only holds it weakly.
  private let channels: CancellableChannels

  private init(
    channel: Channel, inbox: ByteInbox, inboxHandler: InboxHandler, channels: CancellableChannels
  ) {
    self.channel = channel
    self.inbox = inbox
    self.inboxHandler = inboxHandler
    self.channels = channels
  }

  /// Connects within the context's deadline; closes the channel at once if the probe is cancelled.
  static func open(
    _ target: ConnectTarget, context: ProbeContext, inboxCapacity: Int
  ) -> Result<ProbeConnection, ConnectFailure> {
    if context.cancellation.isCancelled {
      return .failure(ConnectFailure(outcome: .error, message: "cancelled"))
    }
    if context.remainingSeconds <= 0 {
      return .failure(
        ConnectFailure(outcome: .timeout, message: "deadline passed before connecting"))
    }
    switch target {
    case .ip(_, let port), .name(_, let port):
      // NIO traps on a port that does not fit 16 bits; every caller checks, this is the last line.
      if !(0...65535).contains(port) {
        return .failure(ConnectFailure(outcome: .error, message: "port \(port) is not in 1-65535"))
      }
    case .unixSocket: break
    }
    let inbox = ByteInbox(capacity: inboxCapacity)
    let handler = InboxHandler(inbox: inbox)
    // Registered before connecting, so a cancel also ends a connect that waits on dropped SYNs.
    let channels = CancellableChannels()
    context.cancellation.onCancel { [weak channels, weak inbox] in
      inbox?.cancel()
      channels?.cancel()
    }
    let bootstrap = ClientBootstrap(group: NetworkProbes.eventLoopGroup)
      .connectTimeout(context.remainingTimeAmount)
      .channelInitializer { channel in
        channels.add(channel)
        return channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(handler)
        }
      }
    do {
      let future: EventLoopFuture<Channel>
      switch target {
      case .ip(let ip, let port):
        future = bootstrap.connect(to: try SocketAddress(ipAddress: ip, port: port))
      case .name(let name, let port):
        future = bootstrap.connect(host: name, port: port)
      case .unixSocket(let path):
        future = bootstrap.connect(unixDomainSocketPath: path)
      }
      let channel = try future.wait()
      return .success(
        ProbeConnection(channel: channel, inbox: inbox, inboxHandler: handler, channels: channels))
    } catch {
      if context.cancellation.isCancelled {
        return .failure(ConnectFailure(outcome: .error, message: "cancelled"))
      }
      return .failure(classifyConnectError(error))
    }
  }

  func send(_ bytes: [UInt8]) {
    channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
  }

  /// Adds a TLS layer (SNI unless `host` is an IP literal, as Go and curl send it) and waits until its handshake
  /// completes, the connection closes or fails, or the deadline passes. Throws when the layer cannot be added.
  func handshakeTLS(
    context sslContext: NIOSSLContext, host: String, until deadline: DispatchTime
  ) throws -> TLSHandshake {
    let before = inbox.snapshot.handshakeCompleted
    let chain = PeerChainRecorder()
    let layer = try startTLS(
      context: sslContext, serverHostname: isIPAddress(host) ? nil : host, chain: chain)
    let (state, met) = inbox.wait(until: deadline) {
      $0.handshakeCompleted > before || $0.closed || $0.error != nil
    }
    return TLSHandshake(
      layer: layer, state: state, settled: met, completed: state.handshakeCompleted > before,
      chain: chain.certificates)
  }

  /// Inserts a TLS client handler (and a recorder of the raw bytes it receives) just before the inbox, so it wraps
  /// whatever layers are already there. The verification callback only records the chain: verification is ours.
  private func startTLS(
    context sslContext: NIOSSLContext, serverHostname: String?, chain: PeerChainRecorder
  ) throws -> TLSLayer {
    let recorder = FirstBytesRecorder()
    let inboxHandler = self.inboxHandler
    let channel = self.channel
    let handler = try channel.eventLoop.submit {
      let tls = try NIOSSLClientHandler(
        context: sslContext, serverHostname: serverHostname,
        customVerificationCallback: { certificates, promise in
          chain.record(certificates)
          promise.succeed(.certificateVerified)
        })
      try channel.pipeline.syncOperations.addHandlers(
        [recorder, tls], position: .before(inboxHandler))
      return NIOLoopBound(tls, eventLoop: channel.eventLoop)
    }.wait()
    return TLSLayer(recorder: recorder, handler: handler)
  }

  /// The version a TLS layer negotiated, once its handshake is done.
  func negotiatedVersion(of layer: TLSLayer) -> String? {
    let handler = layer.handler
    let version = try? channel.eventLoop.submit { handler.value.tlsVersion.map(describeTLSVersion) }
      .wait()
    return version ?? nil
  }

  func close() {
    channel.close(promise: nil)
  }
}

/// The channels a connect created (happy eyeballs may try several), closed together on cancel.
final class CancellableChannels: @unchecked Sendable {
  private let lock = ThreadLock()
  private var channels: [Channel] = []
  private var cancelled = false

  func add(_ channel: Channel) {
    let closeNow: Bool = lock.withLock {
      channels.append(channel)
      return cancelled
    }
    if closeNow { channel.close(promise: nil) }
  }

  func cancel() {
    let open: [Channel] = lock.withLock {
      cancelled = true
      return channels
    }
    open.forEach { $0.close(promise: nil) }
  }
}

/// One TLS layer on a connection: its handler (touched only on the loop) and what arrived before it decrypted.
struct TLSLayer: Sendable {
  let recorder: FirstBytesRecorder
  let handler: NIOLoopBound<NIOSSLClientHandler>
}

/// What a TLS handshake on a connection came to by the deadline.
struct TLSHandshake {
  let layer: TLSLayer
  /// The inbox when the wait ended: the close or the error that ended the handshake, if one did.
  let state: ByteInbox.State
  /// False when the deadline passed (or the probe was cancelled) with the handshake neither done nor failed.
  let settled: Bool
  let completed: Bool
  /// The peer's chain as far as it arrived (DER, leaf first).
  let chain: [[UInt8]]

  var certificates: [Certificate] { chain.compactMap { try? Certificate(derEncoded: $0) } }
}

/// The peer's certificates as the TLS layer received them (DER, leaf first).
final class PeerChainRecorder: @unchecked Sendable {
  private let lock = ThreadLock()
  private var der: [[UInt8]] = []

  var certificates: [[UInt8]] { lock.withLock { der } }

  func record(_ certificates: [NIOSSLCertificate]) {
    let bytes = certificates.compactMap { try? $0.toDERBytes() }
    lock.withLock { der = bytes }
  }
}

private func describeTLSVersion(_ version: TLSVersion) -> String {
  switch version {
  case .tlsv1: return "TLSv1.0"
  case .tlsv11: return "TLSv1.1"
  case .tlsv12: return "TLSv1.2"
  case .tlsv13: return "TLSv1.3"
  }
}
