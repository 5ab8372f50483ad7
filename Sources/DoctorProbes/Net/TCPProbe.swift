import Dispatch
import DoctorCore

/// A bare TCP connect to one resolved address of an endpoint: does anything answer on the port?
public enum TCPProbe {
  /// Connects within the context's deadline and closes at once.
  public static func connect(endpoint: Endpoint, address: ResolvedAddress, context: ProbeContext)
    -> TCPFacts
  {
    let start = DispatchTime.now()
    switch ProbeConnection.open(
      .ip(address.ip, port: endpoint.port), context: context, inboxCapacity: 0)
    {
    case .success(let connection):
      let ms = elapsedMs(since: start)
      connection.close()
      return TCPFacts(endpoint: endpoint, address: address, outcome: .connected, ms: ms)
    case .failure(let failure):
      return TCPFacts(
        endpoint: endpoint, address: address, outcome: failure.outcome, ms: elapsedMs(since: start),
        error: failure.message)
    }
  }
}
