import Dispatch
import DoctorCore
import FoundationEssentials
import Glibc

/// The system view: getaddrinfo, exactly as docker, curl and Go's cgo resolver ask — /etc/hosts, nsswitch,
/// resolv.conf's search list and options all apply.
public enum SystemResolver {
  /// glibc's `EAI_NODATA` and `EAI_ADDRFAMILY` are behind `__USE_GNU`, which Swift's Glibc module does not see.
  private static let eaiNoData: Int32 = -5
  private static let eaiAddressFamily: Int32 = -9

  /// Resolves `host` (AF_UNSPEC, SOCK_STREAM). getaddrinfo cannot be cancelled, so it runs on a global queue and
  /// this waits at most until `context.deadline` (or cancellation); an abandoned call finishes on its own thread.
  public static func lookup(_ host: String, context: ProbeContext) -> SystemLookup {
    lookup(host, context: context, using: resolve)
  }

  /// The waiting logic, with the blocking call passed in so tests can make it block for as long as they need.
  static func lookup(
    _ host: String, context: ProbeContext,
    using blockingResolve: @escaping @Sendable (String, DispatchTime) -> SystemLookup
  ) -> SystemLookup {
    let start = DispatchTime.now()
    let box = LockedSlots<SystemLookup>(count: 1)
    let done = DispatchSemaphore(value: 0)
    runBlocking("dns.getaddrinfo") {
      box.set(0, blockingResolve(host, start))
      done.signal()
    }
    context.cancellation.onCancel { done.signal() }
    _ = done.wait(timeout: context.deadline)
    if let result = box.get(0) { return result }
    let why = context.cancellation.isCancelled ? "cancelled" : "no answer before the deadline"
    return SystemLookup(outcome: .timeout, addresses: [], error: why, ms: elapsedMs(since: start))
  }

  private static func resolve(_ host: String, start: DispatchTime) -> SystemLookup {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>? = nil
    let status = getaddrinfo(host, nil, &hints, &list)
    defer { if list != nil { freeaddrinfo(list) } }
    let ms = elapsedMs(since: start)
    guard status == 0 else {
      return SystemLookup(outcome: outcome(of: status), addresses: [], error: errorText(of: status), ms: ms)
    }
    var addresses: [ResolvedAddress] = []
    var seen: Set<String> = []
    var entry = list
    while let current = entry {
      if let ip = numericAddress(current.pointee), seen.insert(ip).inserted {
        addresses.append(ResolvedAddress(ip: ip))
      }
      entry = current.pointee.ai_next
    }
    return SystemLookup(outcome: addresses.isEmpty ? .noData : .resolved, addresses: addresses, ms: ms)
  }

  private static func outcome(of status: Int32) -> DNSOutcome {
    switch status {
    case EAI_NONAME: return .nxdomain
    case EAI_AGAIN: return .servfail
    case eaiNoData, eaiAddressFamily: return .noData
    default: return .error
    }
  }

  private static func errorText(of status: Int32) -> String {
    let text = String(cString: gai_strerror(status))
    switch status {
    // gai_strerror says "Temporary failure in name resolution"; keep the words a reader searches for.
    case EAI_AGAIN: return text.lowercased().contains("temporary failure") ? text : "temporary failure: \(text)"
    case EAI_SYSTEM: return "\(text): \(String(cString: strerror(errno)))"
    default: return text
    }
  }

  /// The address as text, without an IPv6 zone (`fe80::1`), via inet_ntop.
  private static func numericAddress(_ info: addrinfo) -> String? {
    guard let address = info.ai_addr else { return nil }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let text: UnsafePointer<CChar>?
    switch info.ai_family {
    case AF_INET:
      text = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
        var raw = pointer.pointee.sin_addr
        return inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
      }
    case AF_INET6:
      text = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
        var raw = pointer.pointee.sin6_addr
        return inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
      }
    default:
      return nil
    }
    guard text != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
