// /etc/resolv.conf (Parsing/ResolvConf.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResolvConf(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let conf = ResolvConf.parse(fuzzText(data, size))
  for server in conf.nameservers { checkShown(server) }
  return 0
}
