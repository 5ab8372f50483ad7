// A docker.service drop-in's Environment= lines (Parsing/DaemonProxyConfig.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSystemdDropIn(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  if let source = DaemonProxyConfigParser.parseSystemdDropIn(
    path: "/etc/systemd/system/docker.service.d/p.conf", text: text)
  {
    checkShown(source.httpsProxy)
    checkShown(source.noProxy)
    checkShown(source.parseError)
  }
  _ = DaemonProxyConfigParser.splitSystemdWords(text)
  return 0
}
