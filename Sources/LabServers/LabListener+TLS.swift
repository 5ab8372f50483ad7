import NIOCore
import NIOSSL

extension LabListener {
  /// Binds `host:port` for a server that speaks TLS when given `tls` and plain HTTP when not: every accepted
  /// connection gets the TLS server handler first, then what `initialize` adds. With `alertOnPlainBytes`, a client
  /// that sends plain bytes to the TLS port reads a TLS alert back, as from a real TLS server, instead of a bare
  /// close. Returns the bound port.
  func bind(
    host: String, port: Int, tls: TLSConfiguration?, alertOnPlainBytes: Bool = false,
    initialize: @escaping @Sendable (Channel) throws -> Void
  ) throws -> Int {
    let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
    let address = try bind(host: host, port: port) { channel in
      if let sslContext {
        if alertOnPlainBytes { try channel.pipeline.syncOperations.addHandler(TLSRecordGate()) }
        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
      }
      try initialize(channel)
    }
    return address.port ?? port
  }
}

/// In front of a TLS server: lets a TLS record through, answers anything else with a fatal TLS alert
/// (unexpected_message) and closes — what a client that sent plain HTTP to a TLS port reads back.
private final class TLSRecordGate: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    if buffer.readableBytesView.first == 0x16 {
      context.fireChannelRead(data)
      context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
      return
    }
    context.writeAndClose(ByteBuffer(bytes: [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a]))
  }
}
