import Crypto
import Foundation

/// A real, tiny OCI image the lab's registry serves so that a real `docker pull` / `ctr images pull` can fetch
/// it: one uncompressed tar layer holding `/hello.txt`, an image config naming that layer, and an OCI manifest
/// with the correct digests and sizes. Built deterministically (fixed mtime, owner, order), so the login server
/// and its data endpoint, two processes, generate the same blobs and agree on every digest.
public struct LabImage: Sendable {
  public struct Blob: Sendable {
    public let mediaType: String
    public let bytes: [UInt8]
    public var digest: String { LabImage.digest(bytes) }
    public var size: Int { bytes.count }
  }

  public static let manifestMediaType = "application/vnd.oci.image.manifest.v1+json"
  public static let configMediaType = "application/vnd.oci.image.config.v1+json"
  /// Uncompressed: Docker 20.10 and containerd both unpack `tar` as it is, and no zlib is needed here.
  public static let layerMediaType = "application/vnd.oci.image.layer.v1.tar"

  /// `hello` of `hello:1`.
  public let repository: String
  public let tag: String
  public let layer: Blob
  public let config: Blob
  public let manifest: Blob

  /// `REPO:TAG` (the tag defaults to `latest`).
  public init(reference: String, fileContent: String = "hello from the regdoctor lab\n") {
    let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
    repository = parts.first ?? reference
    tag = parts.count > 1 ? parts[1] : "latest"
    layer = Blob(
      mediaType: Self.layerMediaType, bytes: Self.tar(file: "hello.txt", content: Array(fileContent.utf8)))
    let configJSON = """
      {"architecture":"\(Self.architecture)","os":"linux","config":{"Cmd":["/hello"]},\
      "rootfs":{"type":"layers","diff_ids":["\(layer.digest)"]},\
      "history":[{"created_by":"regdoctor-lab"}]}
      """
    config = Blob(mediaType: Self.configMediaType, bytes: Array(configJSON.utf8))
    let manifestJSON = """
      {"schemaVersion":2,"mediaType":"\(Self.manifestMediaType)",\
      "config":{"mediaType":"\(config.mediaType)","digest":"\(config.digest)","size":\(config.size)},\
      "layers":[{"mediaType":"\(layer.mediaType)","digest":"\(layer.digest)","size":\(layer.size)}]}
      """
    manifest = Blob(mediaType: Self.manifestMediaType, bytes: Array(manifestJSON.utf8))
  }

  /// The blob (config or layer) with this digest.
  public func blob(_ digest: String) -> Blob? {
    [config, layer].first { $0.digest == digest }
  }

  /// The manifest when `reference` is the tag or the manifest's digest.
  public func manifest(for reference: String) -> Blob? {
    reference == tag || reference == manifest.digest ? manifest : nil
  }

  static func digest(_ bytes: [UInt8]) -> String {
    "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// The platform the pulling daemon runs on: a single-platform image must match it.
  private static var architecture: String {
    #if arch(arm64)
      return "arm64"
    #else
      return "amd64"
    #endif
  }

  /// A ustar archive of one regular file (mode 0644, root-owned, mtime 0) and the two zero blocks that end it.
  static func tar(file name: String, content: [UInt8]) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int, width: Int) {
      for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
    }
    func octal(_ value: Int, width: Int) -> String {
      let digits = String(value, radix: 8)
      return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
    }
    put(name, at: 0, width: 100)
    put(octal(0o644, width: 8), at: 100, width: 8)
    put(octal(0, width: 8), at: 108, width: 8)
    put(octal(0, width: 8), at: 116, width: 8)
    put(octal(content.count, width: 12), at: 124, width: 12)
    put(octal(0, width: 12), at: 136, width: 12)
    put("        ", at: 148, width: 8)  // the checksum is computed over spaces in its own field
    header[156] = UInt8(ascii: "0")
    put("ustar", at: 257, width: 6)
    put("00", at: 263, width: 2)
    put("root", at: 265, width: 32)
    put("root", at: 297, width: 32)
    let checksum = header.reduce(0) { $0 + Int($1) }
    put(octal(checksum, width: 7) + "\0", at: 148, width: 8)
    let padding = (512 - content.count % 512) % 512
    return header + content + [UInt8](repeating: 0, count: padding + 1024)
  }
}
