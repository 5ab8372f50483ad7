// REGISTRY as typed, with --region and --data-endpoint values (Parsing/RegistryParsing.swift). First line: the
// registry; then one region per line up to a blank line; then one data endpoint per line.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (registry, rest) = fuzzPair(fuzzText(data, size))
  let parts = rest.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: false)
  let regions = parts.first.map { $0.split(separator: "\n").map(String.init) } ?? []
  let endpoints = parts.count > 1 ? parts[1].split(separator: "\n").map(String.init) : []
  do {
    let target = try RegistryTarget.parse(registry, regions: regions, dataEndpoints: endpoints)
    checkShown(target.loginServer)
  } catch {
    checkShown(error.message)
  }
  return 0
}
