// HTTPS_PROXY and friends (Parsing/ProxyParsing.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProxyURL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  do {
    let proxy = try ProxyURL.parse(text, source: "HTTPS_PROXY")
    if let password = proxy.password, !password.isEmpty, proxy.redacted.contains(":\(password)@") {
      fatalError("password shown in the redacted proxy URL")
    }
    checkShown(proxy.redacted)
  } catch {
    checkShown(error.message)
  }
  return 0
}
