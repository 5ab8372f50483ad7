import Dispatch
import DoctorCore
import FoundationEssentials
import NIOCore
import NIOTLS

/// The blocking side's view of one connection: bytes received (capped), end of stream, errors, and whether a TLS
/// handshake finished. The event loop fills it; a probe thread waits on it with a deadline.
final class ByteInbox: @unchecked Sendable {
  struct State {
    var bytes: [UInt8] = []
    /// Bytes that arrived after `bytes` was full, and were dropped.
    var droppedBytes = 0
    var closed = false
    var error: Error?
    var handshakeCompleted = 0
    var cancelled = false
    var firstByteAt: DispatchTime?
  }

  private let condition = ThreadCondition()
  private var state = State()
  private let capacity: Int

  /// `capacity` bounds memory whatever the peer sends.
  init(capacity: Int) { self.capacity = capacity }

  func append(_ buffer: ByteBuffer) {
    update {
      if $0.firstByteAt == nil { $0.firstByteAt = .now() }
      let room = max(0, capacity - $0.bytes.count)
      let readable = buffer.readableBytesView
      $0.bytes.append(contentsOf: readable.prefix(room))
      $0.droppedBytes += max(0, readable.count - room)
    }
  }

  func markClosed() { update { $0.closed = true } }
  func markError(_ error: Error) { update { if $0.error == nil { $0.error = error } } }
  func markHandshakeCompleted() { update { $0.handshakeCompleted += 1 } }
  func cancel() { update { $0.cancelled = true } }

  /// Forgets when the first byte arrived, so the next one times the answer to a request just sent.
  func restartFirstByteClock() { update { $0.firstByteAt = nil } }

  /// Removes the first `count` bytes (a parsed head), keeping what follows for the next reader.
  func consume(_ count: Int) { update { $0.bytes.removeFirst(min(count, $0.bytes.count)) } }

  var snapshot: State {
    condition.lock()
    defer { condition.unlock() }
    return state
  }

  /// Waits until `done` says yes, the deadline passes, or the probe is cancelled; returns the state seen last and
  /// whether `done` was met.
  func wait(until deadline: DispatchTime, _ done: (State) -> Bool) -> (state: State, met: Bool) {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if done(state) { return (state, true) }
      if state.cancelled { return (state, false) }
      let now = DispatchTime.now()
      guard now < deadline else { return (state, false) }
      let seconds = Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1e9
      _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
    }
  }

  private func update(_ change: (inout State) -> Void) {
    condition.lock()
    change(&state)
    condition.broadcast()
    condition.unlock()
  }
}

/// The last handler of every probe pipeline: hands everything to the inbox.
final class InboxHandler: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  let inbox: ByteInbox

  init(inbox: ByteInbox) { self.inbox = inbox }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    inbox.append(unwrapInboundIn(data))
  }

  func channelInactive(context: ChannelHandlerContext) {
    inbox.markClosed()
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    inbox.markError(error)
    context.close(promise: nil)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted = event as? TLSUserEvent { inbox.markHandshakeCompleted() }
    if case .inputClosed = event as? ChannelEvent { inbox.markClosed() }
    context.fireUserInboundEventTriggered(event)
  }
}

/// Remembers the first bytes that passed on their way to the TLS handler behind it, so a failed handshake can say
/// what actually answered (an HTTP status line means "plain HTTP here, not TLS").
final class FirstBytesRecorder: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  // Written on the event loop, read from the probe's thread: hence the lock.
  private let lock = ThreadLock()
  private var recorded: [UInt8] = []

  var firstBytes: [UInt8] { lock.withLock { recorded } }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    lock.withLock {
      if recorded.count < 16 {
        recorded.append(contentsOf: buffer.readableBytesView.prefix(16 - recorded.count))
      }
    }
    context.fireChannelRead(data)
  }
}
