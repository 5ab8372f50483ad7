import Dispatch
import DoctorCore
import FoundationEssentials
import Glibc

/// How one question to one nameserver ended on the wire.
enum DNSExchangeResult: Sendable, Equatable {
  case answer(DNSMessage)
  /// The UDP answer had TC set: the full answer needs TCP.
  case truncated
  /// Nothing that answers the question arrived in time.
  case noAnswer
  /// A hard failure: `connection refused` (ICMP port unreachable or RST), a malformed answer, a socket error.
  case failed(String)
}

/// Raw socket exchanges with one nameserver, bounded by a point in time and the context's cancellation.
/// Plain Glibc sockets and poll(2): no event loop is worth starting for a handful of datagrams.
enum DNSTransport {
  /// How often a wait wakes to look at the cancellation flag.
  private static let cancellationCheckMs: Int32 = 50

  /// Sends every question over one connected UDP socket (as glibc sends A and AAAA together), waits for the
  /// answers, and resends the unanswered ones on timeout, `attempts` times in all, never past `context.deadline`.
  static func udp(
    server: NameserverAddress, name: String, types: [DNSRecordType], attempts: Int, attemptTimeout: Double,
    context: ProbeContext
  ) -> [DNSRecordType: DNSExchangeResult] {
    var results: [DNSRecordType: DNSExchangeResult] = [:]
    func failAll(_ why: String) -> [DNSRecordType: DNSExchangeResult] {
      for type in types where results[type] == nil { results[type] = .failed(why) }
      return results
    }
    var pending: [UInt16: (type: DNSRecordType, packet: [UInt8])] = [:]
    for type in types {
      var id = UInt16.random(in: 0...UInt16.max)
      while pending[id] != nil { id = UInt16.random(in: 0...UInt16.max) }
      do {
        pending[id] = (type, try DNSMessage.query(name: name, type: type, id: id))
      } catch {
        results[type] = .failed(String(describing: error))
      }
    }
    guard !pending.isEmpty else { return results }
    let socket = DNSSocket(family: server.family, type: Int32(SOCK_DGRAM.rawValue))
    guard let socket else { return failAll("socket: \(String(cString: strerror(errno)))") }
    defer { socket.close() }
    // Connecting a UDP socket makes the kernel report ICMP port unreachable as ECONNREFUSED.
    let connected = server.withSockaddr { Glibc.connect(socket.fd, $0, $1) }
    guard connected == 0 else { return failAll(socketErrorText(errno)) }

    var lastProblem: [DNSRecordType: String] = [:]
    var buffer = [UInt8](repeating: 0, count: 65_535)
    for attempt in 0..<max(attempts, 1) {
      guard !context.isExpired else { break }
      for (_, query) in pending {
        let sent = query.packet.withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, 0) }
        if sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return failAll(socketErrorText(errno)) }
      }
      // Share what is left fairly between the attempts still to come, so a retry always has time.
      let attemptsLeft = Double(max(attempts, 1) - attempt)
      let budget = min(attemptTimeout, context.remainingSeconds / attemptsLeft)
      let attemptEnd = DispatchTime.now() + budget
      while !pending.isEmpty {
        guard case .ready = waitFor(socket.fd, events: Int16(POLLIN), until: attemptEnd, context: context) else {
          break
        }
        let count = buffer.withUnsafeMutableBytes { Glibc.recv(socket.fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
          if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
          return failAll(socketErrorText(errno))
        }
        guard count >= 2 else { continue }
        let id = UInt16(buffer[0]) << 8 | UInt16(buffer[1])
        // Not an answer to anything asked: a late or stray packet, ignored as glibc ignores it.
        guard let query = pending[id] else { continue }
        // QR and TC set: the server says the full answer needs TCP.
        if count >= DNSMessage.headerSize && buffer[2] & 0x82 == 0x82 {
          results[query.type] = .truncated
          pending[id] = nil
          continue
        }
        do {
          let message = try DNSMessage.parse(Array(buffer[0..<count]))
          try message.validate(answering: id, name: name, type: query.type)
          results[query.type] = .answer(message)
          pending[id] = nil
        } catch {
          lastProblem[query.type] = "malformed answer: \(error)"
        }
      }
      if pending.isEmpty { break }
    }
    for (_, query) in pending {
      results[query.type] = lastProblem[query.type].map { .failed($0) } ?? .noAnswer
    }
    return results
  }

  /// One question over TCP (RFC 1035 4.2.2: two length bytes, then the message), until `until` at the latest.
  static func tcp(
    server: NameserverAddress, name: String, type: DNSRecordType, until end: DispatchTime, context: ProbeContext
  ) -> DNSExchangeResult {
    let id = UInt16.random(in: 0...UInt16.max)
    let query: [UInt8]
    do { query = try DNSMessage.query(name: name, type: type, id: id) } catch { return .failed("\(error)") }
    guard let socket = DNSSocket(family: server.family, type: Int32(SOCK_STREAM.rawValue)) else {
      return .failed("socket: \(String(cString: strerror(errno)))")
    }
    defer { socket.close() }
    let connected = server.withSockaddr { Glibc.connect(socket.fd, $0, $1) }
    if connected != 0 {
      guard errno == EINPROGRESS else { return .failed(socketErrorText(errno)) }
      guard case .ready = waitFor(socket.fd, events: Int16(POLLOUT), until: end, context: context) else {
        return .noAnswer
      }
      var error: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length)
      guard error == 0 else { return .failed(socketErrorText(error)) }
    }
    let framed = [UInt8(query.count >> 8), UInt8(query.count & 0xFF)] + query
    var written = 0
    while written < framed.count {
      guard case .ready = waitFor(socket.fd, events: Int16(POLLOUT), until: end, context: context) else {
        return .noAnswer
      }
      let count = framed[written...].withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, 0) }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        return .failed(socketErrorText(errno))
      }
      written += count
    }
    let prefix: [UInt8]
    switch readExactly(socket.fd, count: 2, until: end, context: context) {
    case .success(let bytes): prefix = bytes
    case .failure(let problem): return problem.result
    }
    let length = Int(prefix[0]) << 8 | Int(prefix[1])
    switch readExactly(socket.fd, count: length, until: end, context: context) {
    case .failure(let problem): return problem.result
    case .success(let packet):
      do {
        let message = try DNSMessage.parse(packet)
        try message.validate(answering: id, name: name, type: type)
        return .answer(message)
      } catch {
        return .failed("malformed answer: \(error)")
      }
    }
  }

  private struct ReadProblem: Error {
    let result: DNSExchangeResult
  }

  /// Reads exactly `count` bytes (at most 64 KiB, the TCP length field's limit) or says why not.
  private static func readExactly(_ fd: Int32, count: Int, until end: DispatchTime, context: ProbeContext) -> Result<
    [UInt8], ReadProblem
  > {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      guard case .ready = waitFor(fd, events: Int16(POLLIN), until: end, context: context) else {
        return .failure(ReadProblem(result: .noAnswer))
      }
      let got = bytes[filled...].withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
      if got < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        return .failure(ReadProblem(result: .failed(socketErrorText(errno))))
      }
      if got == 0 { return .failure(ReadProblem(result: .failed("connection closed before a full answer"))) }
      filled += got
    }
    return .success(bytes)
  }

  /// `connection refused` for ECONNREFUSED (what ICMP port unreachable becomes), strerror text otherwise.
  static func socketErrorText(_ code: Int32) -> String {
    code == ECONNREFUSED ? "connection refused" : String(cString: strerror(code))
  }

  enum WaitResult { case ready, timedOut, cancelled }

  /// poll(2) until `fd` is ready for `events` (errors count as ready, so the next call reports them), `end`
  /// passes, the context's deadline passes, or the probe is cancelled.
  static func waitFor(_ fd: Int32, events: Int16, until end: DispatchTime, context: ProbeContext) -> WaitResult {
    let limit = min(end, context.deadline)
    while true {
      if context.cancellation.isCancelled { return .cancelled }
      let now = DispatchTime.now()
      guard now < limit else { return .timedOut }
      let leftMs = (limit.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000
      let sliceMs = Int32(min(UInt64(cancellationCheckMs), max(leftMs, 1)))
      var descriptor = pollfd(fd: fd, events: events, revents: 0)
      let ready = poll(&descriptor, 1, sliceMs)
      if ready > 0 { return .ready }
      if ready < 0 && errno != EINTR { return .ready }  // let the following read/write report the error
    }
  }
}

/// A non-blocking, close-on-exec socket; its owner closes it with `defer`.
final class DNSSocket {
  let fd: Int32
  init?(family: Int32, type: Int32) {
    let fd = Glibc.socket(family, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return nil }
    self.fd = fd
  }
  func close() { _ = Glibc.close(fd) }
}
