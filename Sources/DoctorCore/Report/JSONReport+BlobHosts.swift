/// The JSON `registry.blobHosts` (CONTRACT.md): the hosts layers come from, as discovered, each with how it was
/// learnt (Report.learntBlobHosts).
extension JSONReport {
  static func blobHosts(_ r: Report) -> JSONValue {
    .array(
      r.learntBlobHosts.map {
        .object([("host", .string(redactSecrets($0.host))), ("learntFrom", .string($0.learntFrom.rawValue))])
      })
  }
}
