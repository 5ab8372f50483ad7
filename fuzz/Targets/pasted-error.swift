// An error the user pastes (Parsing/ErrorMatcher.swift, ErrorFacts.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPastedError(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  _ = ErrorMatcher.explain(text)
  _ = ErrorFacts.read(text)
  checkShown(ErrorText.displaySafe(text))
  return 0
}
