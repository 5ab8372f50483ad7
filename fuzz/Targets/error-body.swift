// A registry's error answer: OCI error JSON or ACR's firewall sentence (Parsing/ErrorBody.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzErrorBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  if let body = RegistryErrorBody.parse(fuzzText(data, size)) {
    checkShown(body.message)
    if body.message.count > RegistryErrorBody.maxMessageLength + 1 { fatalError("message not clipped") }
  }
  return 0
}
