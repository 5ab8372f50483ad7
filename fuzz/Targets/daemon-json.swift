// /etc/docker/daemon.json: the strict syntax check and the proxy keys (Parsing/DaemonProxyConfig.swift, StrictJSON).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDaemonJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  _ = StrictJSONChecker.check(text)
  let source = DaemonProxyConfigParser.parseDaemonJSON(path: "/etc/docker/daemon.json", text: text)
  checkShown(source.httpsProxy)
  checkShown(source.parseError)
  return 0
}
