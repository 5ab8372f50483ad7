import NIOCore

/// The registry's faults that a pull meets after `/v2/`: a gateway answering 502 to everything, a blob redirect that
/// loops or goes to plain http, a manifest that never ends, a blob that never ends. Everything else is answered by
/// the normal routes (the token flow, the image).
enum RegistryFaultRoutes {
  /// Large enough to pass any sane cap; written in 64 KiB pieces.
  static let endlessBytes = 6 * 1024 * 1024

  /// True when the fault answered the request; false leaves it to the normal routes.
  static func answer(_ request: LabRequest, mode: RegistryServer.Mode, context: ChannelHandlerContext) -> Bool {
    let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    let isBlob = path.hasPrefix("/v2/") && path.contains("/blobs/")
    let isManifest = path.hasPrefix("/v2/") && path.contains("/manifests/")
    switch mode {
    case .badGateway,
      .pullBadGateway where isBlob || isManifest:
      // What an application gateway or nginx says when its upstream is gone: at once, an HTML body.
      context.writeAndClose(
        labResponse(
          status: "502 Bad Gateway", headers: [("Content-Type", "text/html")],
          body: "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"))
    case .redirectLoop where isBlob:
      context.writeAndClose(labResponse(status: "307 Temporary Redirect", headers: [("Location", request.target)]))
    case .redirectPlainHTTP where isBlob:
      let host = request.header("Host") ?? "localhost"
      context.writeAndClose(
        labResponse(status: "307 Temporary Redirect", headers: [("Location", "http://\(host)\(path)/data")]))
    case .hugeManifest where isManifest:
      writeEndless(context, head: "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\n")
    case .endlessBlob where isBlob:
      writeEndless(context, head: "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n")
    default:
      return false
    }
    return true
  }

  /// A head without Content-Length and a body that is never finished: the connection stays open after it.
  private static func writeEndless(_ context: ChannelHandlerContext, head: String) {
    context.write(NIOAny(ByteBuffer(string: head + "Connection: close\r\n\r\n")), promise: nil)
    let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024)
    for _ in 0..<(endlessBytes / chunk.readableBytes) { context.write(NIOAny(chunk), promise: nil) }
    context.flush()
  }
}
