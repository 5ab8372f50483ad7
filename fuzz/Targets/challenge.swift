// WWW-Authenticate challenges a registry (or anything posing as one) sends: Parsing/Challenge.swift.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChallenge(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  if let challenge = AuthChallenge.parse(text) {
    checkShown(challenge.realm)
    checkShown(challenge.service)
  }
  return 0
}
