// /etc/hosts (Parsing/HostsFile.swift). First line: the host looked up; the rest: the file.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHosts(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (host, file) = fuzzPair(fuzzText(data, size))
  let hosts = HostsFile.parse(file)
  for address in hosts.addresses(for: host) { checkShown(address) }
  return 0
}
