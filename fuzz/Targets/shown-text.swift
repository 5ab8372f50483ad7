// The property the whole code keeps (issue 11): outside text, once shown, holds no secret the redaction knows of and
// no raw control character (Parsing/Redaction.swift, OutsideText.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShownText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  checkShown(text)
  let shown = shownText(text)
  if shown.unicodeScalars.contains(where: { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 }) {
    fatalError("escape survived shownText")
  }
  // Redacting twice changes nothing more: what is hidden stays hidden, the rest stays as it was.
  if redactSecrets(redactSecrets(text)) != redactSecrets(text) { fatalError("redaction is not idempotent") }
  return 0
}
