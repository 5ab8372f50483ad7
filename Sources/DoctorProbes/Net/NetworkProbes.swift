import Dispatch
import DoctorCore
import FoundationEssentials
import NIOCore
import NIOPosix

/// What every network probe shares: one small event loop group for the whole process.
///
/// The probes are blocking (they run on a background Dispatch queue and wait on futures), so one loop thread is
/// plenty; it is never shut down because it lives as long as the process.
public enum NetworkProbes {
  public static let eventLoopGroup: MultiThreadedEventLoopGroup = MultiThreadedEventLoopGroup(
    numberOfThreads: 1)
}

extension ProbeContext {
  /// The time left, as NIO wants it (at least a nanosecond, so a zero never means "no timeout").
  var remainingTimeAmount: TimeAmount { .nanoseconds(max(1, Int64(remainingSeconds * 1e9))) }
}

/// How a failed connect reads to a person, and which outcome it is.
struct ConnectFailure: Error {
  let outcome: ConnectOutcome
  let message: String
}

/// Maps NIO's connect errors (a bare `IOError`, `ChannelError.connectTimeout`, or the happy-eyeballs wrapper
/// `NIOConnectionError` when connecting by name) onto refused / timeout / unreachable / error.
func classifyConnectError(_ error: Error) -> ConnectFailure {
  switch error {
  case let io as IOError:
    return classifyErrno(io.errnoCode)
  case ChannelError.connectTimeout:
    return ConnectFailure(
      outcome: .timeout, message: "no answer before the deadline (SYN unanswered)")
  case let connection as NIOConnectionError:
    if let first = connection.connectionErrors.first {
      return classifyConnectError(first.error)
    }
    if connection.dnsAError != nil || connection.dnsAAAAError != nil {
      return ConnectFailure(
        outcome: .error, message: "name resolution failed for \(connection.host)")
    }
    return ConnectFailure(
      outcome: .error, message: "no address to connect to for \(connection.host)")
  default:
    return ConnectFailure(outcome: .error, message: String(describing: error))
  }
}

private func classifyErrno(_ code: CInt) -> ConnectFailure {
  let text = String(cString: strerror(code))
  switch code {
  case ECONNREFUSED:
    return ConnectFailure(outcome: .refused, message: "connection refused (\(text))")
  case EHOSTUNREACH, ENETUNREACH: return ConnectFailure(outcome: .unreachable, message: text)
  case ETIMEDOUT: return ConnectFailure(outcome: .timeout, message: text)
  default: return ConnectFailure(outcome: .error, message: "\(text) (errno \(code))")
  }
}

/// Where to connect: an IP we already resolved, a name NIO resolves, or a unix socket.
enum ConnectTarget {
  case ip(String, port: Int)
  case name(String, port: Int)
  case unixSocket(String)

  /// `host:port` as a client names it: an IP literal is connected to as it is, a name is resolved by NIO.
  static func host(_ host: String, port: Int) -> ConnectTarget {
    isIPAddress(host) ? .ip(host, port: port) : .name(host, port: port)
  }

  var text: String {
    switch self {
    case .ip(let ip, let port): return hostPort(ip, port).withPortAlways(port)
    case .name(let name, let port): return hostPort(name, port).withPortAlways(port)
    case .unixSocket(let path): return path
    }
  }
}
