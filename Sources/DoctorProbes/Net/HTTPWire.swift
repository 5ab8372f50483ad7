import Dispatch
import DoctorCore
import FoundationEssentials

/// A response's status line and headers, as read off the wire (no HTTP library: the probes must see malformed,
/// oversized and non-HTTP answers for what they are).
struct HTTPResponseHead: Sendable {
  var statusLine: String
  var version: String
  var statusCode: Int
  var reasonPhrase: String
  var headers: [(name: String, value: String)]

  /// The first value of a header, by case-insensitive name.
  func header(_ name: String) -> String? {
    headers.first { $0.name.isEqualIgnoringCase(name) }?.value
  }

  var contentLength: Int? {
    header("Content-Length").flatMap { Int($0.trimmingSpaces) }
  }
  var isChunked: Bool { header("Transfer-Encoding")?.lowercased().contains("chunked") ?? false }
  var closesConnection: Bool {
    version == "HTTP/1.0" || (header("Connection")?.lowercased().contains("close") ?? false)
  }
  var isSuccess: Bool { (200..<300).contains(statusCode) }

  /// Parses the bytes before the blank line; nil when the status line is not `HTTP/x.y NNN reason`.
  static func parse(_ bytes: ArraySlice<UInt8>) -> HTTPResponseHead? {
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.components(separatedBy: "\r\n")
    guard !lines.isEmpty else { return nil }
    let statusLine = lines.removeFirst()
    let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
      let code = Int(parts[1])
    else {
      return nil
    }
    var headers: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers.append(
        (
          String(line[..<colon]),
          line[line.index(after: colon)...].trimmingSpaces
        ))
    }
    return HTTPResponseHead(
      statusLine: statusLine, version: String(parts[0]), statusCode: code,
      reasonPhrase: parts.count > 2 ? String(parts[2]) : "", headers: headers)
  }
}

/// Where a response head stands in the bytes received so far.
enum HeadScan {
  /// `length` counts the head and its blank line: the body starts there.
  case complete(HTTPResponseHead, length: Int)
  case incomplete
  /// The bytes do not start like an HTTP response.
  case notHTTP
  /// No blank line within the limit.
  case tooLarge
}

private let httpPrefix = Array("HTTP/".utf8)
private let headTerminator: [UInt8] = [13, 10, 13, 10]

extension ByteInbox {
  /// Waits until a whole response head is in (or cannot be: not HTTP, too large), the peer closes or fails, or the
  /// deadline passes; returns what arrived and how far the head got. Every HTTP exchange of the probes reads so.
  func waitForResponseHead(limit: Int, until deadline: DispatchTime) -> (state: State, head: HeadScan) {
    let (state, _) = wait(until: deadline) { state in
      if case .incomplete = scanResponseHead(state.bytes, limit: limit) {
        return state.closed || state.error != nil
      }
      return true
    }
    return (state, scanResponseHead(state.bytes, limit: limit))
  }
}

func scanResponseHead(_ bytes: [UInt8], limit: Int) -> HeadScan {
  let prefixLength = min(bytes.count, httpPrefix.count)
  guard bytes.prefix(prefixLength).elementsEqual(httpPrefix.prefix(prefixLength)) else {
    return .notHTTP
  }
  guard let end = firstIndex(of: headTerminator, in: bytes, searchLimit: limit) else {
    return bytes.count > limit ? .tooLarge : .incomplete
  }
  guard let head = HTTPResponseHead.parse(bytes[..<end]) else { return .notHTTP }
  return .complete(head, length: end + headTerminator.count)
}

private func firstIndex(of needle: [UInt8], in bytes: [UInt8], searchLimit: Int) -> Int? {
  let last = min(bytes.count, searchLimit + needle.count) - needle.count
  guard last >= 0 else { return nil }
  var index = 0
  while index <= last {
    if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) {
      return index
    }
    index += 1
  }
  return nil
}

/// Decodes as much of a chunked body as has arrived; `complete` once the zero-length chunk was seen.
func decodeChunked(_ bytes: ArraySlice<UInt8>) -> (body: [UInt8], complete: Bool) {
  var body: [UInt8] = []
  var index = bytes.startIndex
  while index < bytes.endIndex {
    guard let lineEnd = bytes[index...].firstIndex(of: 10) else { break }
    let sizeText =
      String(decoding: bytes[index..<lineEnd], as: UTF8.self)
      .split(separator: ";").first?.trimmingWhitespace ?? ""
    guard let size = Int(sizeText, radix: 16), size >= 0 else { break }
    if size == 0 { return (body, true) }
    let start = lineEnd + 1
    let available = min(size, bytes.endIndex - start)
    body.append(contentsOf: bytes[start..<(start + available)])
    guard available == size else { break }
    index = start + size + 2  // the chunk's trailing CRLF
  }
  return (body, false)
}

/// How the body after a head is delimited.
enum BodyFraming {
  case none
  case length(Int)
  case chunked
  case untilClose

  init(head: HTTPResponseHead, requestWasHead: Bool = false) {
    if requestWasHead || head.statusCode == 204 || head.statusCode == 304
      || (100..<200).contains(head.statusCode)
    {
      self = .none
    } else if head.isChunked {
      self = .chunked
    } else if let length = head.contentLength {
      self = .length(max(0, length))
    } else {
      self = .untilClose
    }
  }
}

/// Reads the body that follows a head of `headLength` bytes: up to `limit` bytes, until its framing is satisfied,
/// the peer closes, or the deadline passes (whatever arrived by then is returned).
func readBody(
  from inbox: ByteInbox, headLength: Int, framing: BodyFraming, limit: Int, deadline: DispatchTime
) -> [UInt8] {
  func done(_ state: ByteInbox.State) -> Bool {
    let received = state.bytes.count - headLength
    if state.closed || state.error != nil || received >= limit { return true }
    switch framing {
    case .none: return true
    case .length(let length): return received >= length
    case .chunked: return decodeChunked(state.bytes[headLength...]).complete
    case .untilClose: return false
    }
  }
  let state = inbox.wait(until: deadline, done).state
  let raw = state.bytes.count > headLength ? state.bytes[headLength...] : []
  switch framing {
  case .none: return []
  case .length(let length): return Array(raw.prefix(min(length, limit)))
  case .chunked: return Array(decodeChunked(raw).body.prefix(limit))
  case .untilClose: return Array(raw.prefix(limit))
  }
}

/// A request head with CRLFs, ready to send.
func requestHead(method: String, target: String, headers: [(String, String)]) -> [UInt8] {
  var text = "\(method) \(target) HTTP/1.1\r\n"
  for (name, value) in headers { text += "\(name): \(value)\r\n" }
  text += "\r\n"
  return Array(text.utf8)
}
