// containerd's config.toml and a registry's certs.d/<host>/hosts.toml, through the strict TOML reader
// (Parsing/TOMLReader.swift, Parsing/ContainerdConfig.swift). The same input is read as both.
@testable import DoctorCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContainerdTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  if case .failure(let error) = TOMLReader.parse(text) { checkShown(error.sentence) }
  let config = ContainerdConfigParser.parseConfig(text, path: "/etc/containerd/config.toml")
  checkShown(config.configPath)
  checkShown(config.parseError)
  for (host, mirrors) in config.legacyMirrors {
    checkShown(host)
    mirrors.forEach(checkShown)
  }
  let hosts = ContainerdConfigParser.parseHosts(
    text, path: "/etc/containerd/certs.d/contoso.azurecr.io/hosts.toml",
    directory: "/etc/containerd/certs.d/contoso.azurecr.io")
  checkShown(hosts.server)
  checkShown(hosts.parseError)
  for host in hosts.hosts {
    checkShown(host.url)
    host.caFiles.forEach(checkShown)
  }
  return 0
}
