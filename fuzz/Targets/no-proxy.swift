// NO_PROXY under Go's and curl's rules (Parsing/NoProxy.swift). First line: the host; the rest: NO_PROXY.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNoProxy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (host, noProxy) = fuzzPair(fuzzText(data, size))
  _ = GoNoProxy(noProxy).match(host: host.lowercased(), port: "443")
  _ = CurlNoProxy.match(host: host.lowercased(), noProxy: noProxy)
  let environment = ProxyEnvironment(environment: [
    "HTTPS_PROXY": "http://proxy.example:3128", "https_proxy": "http://proxy.example:3128", "NO_PROXY": noProxy,
    "no_proxy": noProxy,
  ])
  let decision = environment.decision(for: Endpoint(host: host, role: .loginServer))
  checkShown(decision.bypassedBy)
  return 0
}
