import Foundation
import NIOCore
import NIOPosix

/// The slice of the Docker Engine API regdoctor reads — `GET /info` with the daemon's proxy settings — on a unix
/// socket, answered chunked like dockerd (Go) answers large JSON.
public final class DockerAPIServer: @unchecked Sendable {
  public enum Mode: String, Sendable, CaseIterable {
    case normal
    /// Answers bytes that are not HTTP.
    case garbage
  }

  public struct Configuration: Sendable {
    public var socketPath: String
    public var httpProxy: String
    public var httpsProxy: String
    public var noProxy: String
    public var serverVersion: String
    public var mode: Mode

    public init(
      socketPath: String, httpProxy: String = "", httpsProxy: String = "", noProxy: String = "",
      serverVersion: String = "27.3.1", mode: Mode = .normal
    ) {
      self.socketPath = socketPath
      self.httpProxy = httpProxy
      self.httpsProxy = httpsProxy
      self.noProxy = noProxy
      self.serverVersion = serverVersion
      self.mode = mode
    }
  }

  public let configuration: Configuration
  private let listener = LabListener()
  private let requests = LabRequestLog()

  public init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  public func start() throws {
    _ = try listener.bind(unixSocket: configuration.socketPath) { [self] channel in
      try channel.pipeline.syncOperations.addHandler(
        RequestHeadReader(log: requests) { [self] context, request, _ in answer(request, context) })
    }
  }

  public func stop() {
    listener.stop()
    _ = unlink(configuration.socketPath)
  }

  public var requestLines: [String] { requests.all }

  /// What dockerd's `/info` holds that matters here, plus a little of the rest so the JSON looks real.
  fileprivate var infoJSON: String {
    let info: [String: Any] = [
      "ID": "LAB0:REGD:OCTR", "Containers": 0, "Images": 0, "Driver": "overlay2",
      "OperatingSystem": "regdoctor lab",
      "ServerVersion": configuration.serverVersion, "HttpProxy": configuration.httpProxy,
      "HttpsProxy": configuration.httpsProxy, "NoProxy": configuration.noProxy,
      "RegistryConfig": ["IndexConfigs": [:], "Mirrors": []],
    ]
    let data =
      (try? JSONSerialization.data(withJSONObject: info, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}

extension DockerAPIServer {
  fileprivate func answer(_ request: LabRequest, _ context: ChannelHandlerContext) {
    if configuration.mode == .garbage {
      return context.writeAndClose(ByteBuffer(string: "\u{0}\u{1}garbage, not the Docker API\n"))
    }
    let path = request.target.split(separator: "?").first.map(String.init) ?? request.target
    guard request.method == "GET", path == "/info" || path.hasSuffix("/info") else {
      return context.writeAndClose(
        labResponse(
          status: "404 Not Found", headers: [("Content-Type", "application/json")],
          body: #"{"message":"page not found"}"#))
    }
    let body = Array(infoJSON.utf8)
    var text =
      "HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Type: application/json\r\n"
      + "Server: Docker/\(configuration.serverVersion) (linux)\r\nTransfer-Encoding: chunked\r\n\r\n"
    // Two chunks, so a client that only reads the first one is caught out.
    let half = body.count / 2
    for part in [body[..<half], body[half...]] where !part.isEmpty {
      text +=
        String(part.count, radix: 16) + "\r\n" + String(decoding: part, as: UTF8.self) + "\r\n"
    }
    text += "0\r\n\r\n"
    context.writeAndClose(ByteBuffer(string: text))
  }
}
