import Foundation
import NIOCore

/// What an ACR-like registry in `normal` mode answers: `/v2/` and every repository path challenge with 401
/// Bearer until a request carries the token `/oauth2/token` hands out; with an image, its manifest and blobs
/// behind that token, blob GETs redirected (307) to a data endpoint when one is configured, and the blobs at the
/// signed storage URLs such a redirect names (`/docker/registry/v2/blobs/sha256/ab/ab…/data?…`).
struct RegistryRoutes {
  static let token = "lab-anonymous-token"
  private static let json = [
    ("Content-Type", "application/json; charset=utf-8"),
    ("Docker-Distribution-Api-Version", "registry/2.0"),
  ]

  let server: RegistryServer

  func response(to request: LabRequest) -> ByteBuffer {
    let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    let headOnly = request.method == "HEAD"
    if path == "/oauth2/token" {
      let body = #"{"access_token":"\#(Self.token)","refresh_token":"","token":"\#(Self.token)"}"#
      return labResponse(status: "200 OK", headers: Self.json, body: body)
    }
    if let digest = Self.storageDigest(path) {
      guard let blob = server.configuration.image?.blob(digest) else { return notFound("BLOB_UNKNOWN") }
      return blobResponse(blob, headOnly: headOnly)
    }
    guard request.header("Authorization") == "Bearer \(Self.token)" else {
      return challenge(scope: Self.repository(of: path).map { "repository:\($0):pull" })
    }
    if path == "/v2/" || path == "/v2" {
      return labResponse(status: "200 OK", headers: Self.json, body: "{}")
    }
    guard let image = server.configuration.image, Self.repository(of: path) == image.repository else {
      return notFound("NAME_UNKNOWN")
    }
    let reference = String(path.split(separator: "/").last ?? "")
    if path.contains("/manifests/") {
      guard let manifest = image.manifest(for: reference) else { return notFound("MANIFEST_UNKNOWN") }
      return blobResponse(manifest, headOnly: headOnly)
    }
    guard path.contains("/blobs/"), let blob = image.blob(reference) else { return notFound("BLOB_UNKNOWN") }
    guard let host = server.configuration.blobRedirectHost else { return blobResponse(blob, headOnly: headOnly) }
    // What ACR's redirect looks like: a short-lived signed URL on the data endpoint (or a storage account).
    let hex = blob.digest.dropFirst("sha256:".count)
    let location =
      "https://\(host)/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
      + "?se=2099-01-01T00%3A00%3A00Z&sig=lab-signature&sp=r&sr=b&sv=2018-03-28"
    return labResponse(
      status: "307 Temporary Redirect", headers: [("Location", location), ("Docker-Content-Digest", blob.digest)])
  }

  private func challenge(scope: String?) -> ByteBuffer {
    let realm = server.realmHost
    let service = server.serviceName
    var challenge = #"Bearer realm="https://\#(realm)/oauth2/token",service="\#(service)""#
    if let scope { challenge += #",scope="\#(scope)""# }
    let body =
      #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, "#
      + #"visit https://aka.ms/acr/authorization for more information.","detail":null}]}"#
    return labResponse(
      status: "401 Unauthorized", headers: Self.json + [("Www-Authenticate", challenge)], body: body)
  }

  private func notFound(_ code: String) -> ByteBuffer {
    labResponse(
      status: "404 Not Found", headers: Self.json,
      body: #"{"errors":[{"code":"\#(code)","message":"not found in the lab registry"}]}"#)
  }

  private func blobResponse(_ blob: LabImage.Blob, headOnly: Bool) -> ByteBuffer {
    var text = "HTTP/1.1 200 OK\r\nContent-Type: \(blob.mediaType)\r\nDocker-Content-Digest: \(blob.digest)\r\n"
    text += "Docker-Distribution-Api-Version: registry/2.0\r\nContent-Length: \(blob.size)\r\n"
    text += "Connection: close\r\n\r\n"
    var buffer = ByteBuffer(string: text)
    if !headOnly { buffer.writeBytes(blob.bytes) }
    return buffer
  }

  /// `hello` of `/v2/hello/manifests/1` (repository names may have slashes: `/v2/team/app/blobs/…`).
  static func repository(of path: String) -> String? {
    let parts = path.split(separator: "/").map(String.init)
    guard parts.count >= 4, parts[0] == "v2", ["manifests", "blobs"].contains(parts[parts.count - 2]) else {
      return nil
    }
    return parts[1..<(parts.count - 2)].joined(separator: "/")
  }

  /// `sha256:HEX` of `/docker/registry/v2/blobs/sha256/ab/HEX/data`.
  static func storageDigest(_ path: String) -> String? {
    let parts = path.split(separator: "/").map(String.init)
    guard parts.count == 8, parts[0] == "docker", parts[1] == "registry", parts[3] == "blobs",
      parts[7] == "data"
    else { return nil }
    return "\(parts[4]):\(parts[6])"
  }
}
