/// The nftables ruleset of a scenario (loaded inside its namespace only).
struct FirewallRuleset {
  let drops: [Drop]
  let nat: [NAT]

  var text: String {
    var lines: [String] = []
    if !drops.isEmpty {
      // Dropped on the way in, not the way out: a packet dropped in the output hook fails the sender's send()
      // at once (EPERM), while a real firewall lets it leave and it never comes back — a timeout.
      lines += [
        "table inet rdlab {", "  chain input {",
        "    type filter hook input priority 0; policy accept;",
      ]
      lines += drops.map {
        "    \($0.address.contains(":") ? "ip6" : "ip") daddr \($0.address) \($0.proto) dport \($0.port) "
          + ($0.rejects ? "reject with tcp reset" : "drop")
      }
      lines += ["  }", "}"]
    }
    if !nat.isEmpty {
      // Source NAT so a server sees the client as another (public) address, as behind a NAT gateway.
      lines += [
        "table ip rdlabnat {", "  chain postrouting {",
        "    type nat hook postrouting priority 100; policy accept;",
      ]
      lines += nat.map {
        "    ip daddr \($0.destination) tcp dport \($0.port) snat to \($0.source)"
      }
      lines += ["  }", "}"]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
