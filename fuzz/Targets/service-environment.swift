// A unit's Environment=/EnvironmentFile= lines, an EnvironmentFile, and a daemon's /proc/PID/environ and cmdline
// (Parsing/ServiceEnvironment.swift). A proxy read from them is shown redacted.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServiceEnvironment(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let text = fuzzText(data, size)
  let unit = ServiceEnvironmentParser.parseUnit(text, path: "/etc/systemd/system/containerd.service.d/proxy.conf")
  unit.errors.forEach(checkShown)
  for file in unit.environmentFiles { checkShown(file.path) }
  let proxies = ProxyVariables(environment: unit.assignments).redacted
  checkShown(proxies.httpsProxy)
  checkShown(proxies.noProxy)
  _ = ServiceEnvironmentParser.parseEnvironmentFile(text)
  let environ = ServiceEnvironmentParser.parseProcEnviron(bytes)
  checkShown(ProxyVariables(environment: environ).redacted.httpsProxy)
  let arguments = ServiceEnvironmentParser.parseCmdline(bytes)
  checkShown(ServiceEnvironmentParser.option(["--config", "-c"], in: arguments))
  return 0
}
