import Foundation
import XCTest

/// The wizard's "Pullers on this machine" branch on a real Docker Engine: the shell's proxy works, the daemon's
/// drop-in names a dead one. The branch must show the daemon's proxy and the file it comes from, its failing path
/// and the restart; with `--image`, the followed pull and its blob host. With REGDOCTOR_SHOT_DIR set the screens
/// are kept for the README (scripts/screenshots).
final class WizardPullerInScenarioTests: XCTestCase {
  func testThePullerBranchShowsTheDaemonsDeadProxyItsDropInAndTheRestart() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tmux", "dockerd", "containerd", "curl"])
    let lab = try ScenarioLab(.pullDaemonProxyDead)
    defer { lab.destroy() }
    let tmux = LabTmux()
    defer { tmux.kill() }
    try tmux.startWizard(in: lab, timeout: "2")

    try tmux.walkToTheDecisionTree()
    // The branch sits above "Further diagnosis", the tree's last row: to the end, one up, open it, its first puller.
    tmux.keys("PageDown")
    tmux.keys("Up")
    tmux.keys("Enter")
    try tmux.waitFor("▾ Pullers on this machine")
    tmux.keys("Down")
    tmux.keys("Enter")
    let top = try tmux.waitFor("Docker daemon: fails")
    // The pane has the focus: one line down, and the restart under it is on screen too.
    tmux.keys("Down")
    let screen = try tmux.waitFor("trust: system bundle")
    XCTAssertFalse(Self.pane(screen).joined().contains("Docker daemon: fails"), "the pane scrolled:\n\(screen)")
    let (lines, words) = (Self.pane(top) + Self.pane(screen), Self.pane(screen).joined(separator: " "))
    let dead = "\(LabAddress.deadProxy):3128"
    XCTAssertTrue(top.contains(lab.scenario.registry), top)
    XCTAssertTrue(screen.contains("proxy: HTTPS_PROXY http://\(dead)"), "the daemon's own proxy:\n\(screen)")
    XCTAssertTrue(
      lines.joined().contains("etc/systemd/system/docker.service.d/http-proxy.conf"), "its file:\n\(screen)")
    XCTAssertTrue(words.contains("fail puller.docker.login-server"), "its failing path:\n\(screen)")
    XCTAssertTrue(words.contains("docker-daemon-proxy-fails"), screen)
    XCTAssertTrue(words.contains("sudo systemctl daemon-reload && systemctl restart docker"), "the restart:\n\(screen)")
    try tmux.saveShot("pullers")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  /// `--image` on a real Docker Engine whose pull's layers come from a storage account the firewall rejects: the
  /// branch shows the pull as the daemon made it, its requests, and the storage account with its failing probes.
  func testThePullBranchShowsTheFollowedPullAndItsBlockedBlobHost() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tmux", "dockerd", "containerd", "curl"])
    let lab = try ScenarioLab(.imageBlobHostBlocked)
    defer { lab.destroy() }
    let tmux = LabTmux()
    defer { tmux.kill() }
    // The blob host's probes start only after the whole followed pull: on a loaded machine 2 s ran out before
    // them once. Nothing here is silent (the firewall rejects), so a longer bound costs no time.
    try tmux.startWizard(in: lab, timeout: "5", arguments: lab.scenario.arguments)

    try tmux.waitFor("Which registry cannot be reached?")
    tmux.keys("Enter")
    try tmux.waitFor("What did you see?")
    tmux.keys("Enter")
    try tmux.waitFor("Conclusion", seconds: 30)
    tmux.keys("Enter")
    try tmux.waitFor("Causes")
    // Pullers sits above "Further diagnosis", the tree's last row; the pull is the branch's last child, after the
    // pullers found (dockerd, and whatever containerd or podman this machine has).
    tmux.keys("PageDown")
    tmux.keys("Up")
    tmux.keys("Enter")
    try tmux.waitFor("▾ Pullers on this machine")
    tmux.keys("PageDown")
    tmux.keys("Up")
    tmux.keys("Enter")
    // The pull's own pane (the pullers' pane names the pull too).
    let pull = try tmux.waitFor("Whose path it took")
    XCTAssertTrue(pull.contains("Pull hello:1 (Docker daemon): fails"), pull)
    XCTAssertTrue(pull.contains("manifest → 200"), pull)
    XCTAssertTrue(pull.contains("blob → 307 contosojpe042"), "the redirect's host (the row may cut it):\n\(pull)")
    XCTAssertTrue(Self.pane(pull).joined().contains("puller: Docker daemon"), pull)
    // The storage account, after the four requests: its probes.
    for _ in 0..<5 { tmux.keys("Down") }
    tmux.keys("Enter")
    let host = try tmux.waitFor("learnt from: redirect")
    let words = Self.pane(host).joined(separator: " ")
    XCTAssertTrue(words.contains("layers from \(labStorageHost): fails"), host)
    // Its TCP probe's row (the id may be cut at the pane's edge) and its summary naming the rejected address.
    XCTAssertTrue(words.contains("tcp.blob-host.contosojpe042"), host)
    XCTAssertTrue(words.contains(LabAddress.dataEndpoint), host)
    XCTAssertFalse(host.contains("sig="), host)
    try tmux.saveShot("pull")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  /// The right-hand pane's lines (what follows the tree's `│`), trimmed.
  private static func pane(_ screen: String) -> [String] {
    screen.split(separator: "\n").compactMap { line in
      line.firstIndex(of: "│").map { line[line.index(after: $0)...].trimmingCharacters(in: .whitespaces) }
    }
  }
}
