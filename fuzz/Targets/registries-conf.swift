// podman's and CRI-O's /etc/containers/registries.conf and containers.conf (Parsing/ContainersConfig.swift).
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistriesConf(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  var facts = ContainersRegistriesFacts()
  ContainersConfigParser.mergeRegistries(text, path: "/etc/containers/registries.conf", into: &facts)
  for registry in facts.registries {
    checkShown(registry.prefix)
    checkShown(registry.location)
    registry.mirrors.forEach(checkShown)
  }
  facts.unqualifiedSearch.forEach(checkShown)
  facts.parseErrors.forEach(checkShown)
  let engine = ContainersConfigParser.engineEnvironment(text, path: "/etc/containers/containers.conf")
  checkShown(engine.error)
  return 0
}
