// `--image REPO[:TAG|@sha256:…]` against the registry being diagnosed (Parsing/ImageReference.swift). First line:
// the registry; second: the image reference.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageReference(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (registry, image) = fuzzPair(fuzzText(data, size))
  guard let target = try? RegistryTarget.parse(registry, regions: [], dataEndpoints: []) else { return 0 }
  do {
    let reference = try ImageReference.parse(image, registry: target)
    checkShown(reference.repository)
    checkShown(reference.tag)
    checkShown(reference.digest)
  } catch {
    checkShown(error.message)
  }
  return 0
}
