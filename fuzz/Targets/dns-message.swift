// A DNS answer off the wire (DoctorProbes/DNS/DNSMessage.swift) and the CNAME chain read from it (CNAMEChain.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDNSMessage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  guard let message = try? DNSMessage.parse(bytes) else { return 0 }
  let name = message.questions.first?.name ?? "a.example"
  _ = try? message.validate(answering: message.id, name: name, type: .a)
  let chain = CNAMEChain(from: name, records: message.answers, type: .a)
  checkShown(chain.problem)
  return 0
}
