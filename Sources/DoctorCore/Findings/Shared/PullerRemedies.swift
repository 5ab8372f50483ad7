// Remedies for the pullers other than the Docker daemon: containerd's drop-in and hosts.toml, podman's
// containers.conf, CRI-O's drop-in, and the restart each needs.

enum PullerRemedies {
  static let containerdDropIn = RemedySpec(
    title: .init(
      en: "Give containerd the proxy in its systemd drop-in, then restart it",
      ja: "systemd のドロップインで containerd にプロキシを設定し、再起動する"
    ),
    steps: .init(
      en:
        "On Kubernetes nodes the pulls are made by containerd (the kubelet asks it through CRI), with the "
        + "environment containerd.service was started with. Write /etc/systemd/system/containerd.service.d/"
        + "http-proxy.conf with the proxy that works from the shell (replace *** with the real password; write a "
        + "literal % as %%), keep the cluster's own addresses in NO_PROXY, make the file readable by root only, "
        + "then reload systemd and restart containerd: a running containerd keeps the environment it started with.",
      ja: "Kubernetes ノードでは、プルは containerd が (kubelet から CRI 経由で) 実行し、containerd.service の起動時の"
        + "環境変数を使用します。シェルから動作するプロキシを /etc/systemd/system/containerd.service.d/http-proxy.conf に"
        + "記述し (*** は実際のパスワードに置き換え、% は %% と記述)、クラスター内のアドレスは NO_PROXY に残し、root だけが"
        + "読み取れるようにしてから、systemd を再読み込みして containerd を再起動してください。実行中の containerd は起動時の"
        + "環境変数を使い続けます。"
    ),
    commands: [
      "sudo mkdir -p /etc/systemd/system/containerd.service.d",
      "printf '%s\\n' '[Service]' 'Environment=\"HTTPS_PROXY={proxy}\"' 'Environment=\"HTTP_PROXY={proxy}\"' "
        + "'Environment=\"NO_PROXY=localhost,127.0.0.1,10.0.0.0/8,.svc,.cluster.local\"'"
        + " | sudo tee /etc/systemd/system/containerd.service.d/http-proxy.conf",
      "sudo chmod 600 /etc/systemd/system/containerd.service.d/http-proxy.conf",
      "sudo systemctl daemon-reload && sudo systemctl restart containerd",
    ], changesSomething: true)

  static let verifyContainerdProxy = RemedySpec(
    title: .init(en: "Verify the proxy containerd runs with", ja: "containerd が使用しているプロキシを確認する"),
    steps: .init(
      en:
        "systemctl show prints the environment systemd will give containerd; /proc/<pid>/environ (as root) is what "
        + "the running process has. Both must name the proxy that works from the shell.",
      ja: "systemctl show は systemd が containerd に渡す環境変数を表示し、/proc/<pid>/environ (root で読む) は実行中の"
        + "プロセスの環境変数です。どちらもシェルから動作するプロキシを指している必要があります。"
    ),
    commands: [
      "systemctl show containerd --property=Environment",
      "sudo tr '\\0' '\\n' < /proc/$(pidof containerd)/environ | grep -i _proxy",
    ])

  /// podman's proxy: the shell's variables, then containers.conf `[engine] env` for the names the shell does not
  /// set (containers/common's setupEnv skips a name already in the environment, even an empty one); Go then reads
  /// HTTPS_PROXY before https_proxy. No daemon, no restart.
  static let podmanProxy = RemedySpec(
    title: .init(
      en: "podman: fix the proxy in containers.conf [engine] env (or the shell's)",
      ja: "podman: containers.conf の [engine] env (またはシェル) のプロキシを修正する"
    ),
    steps: .init(
      en:
        "podman pulls in your own process, with the shell's HTTPS_PROXY, HTTP_PROXY and NO_PROXY. containers.conf "
        + "[engine] env (/etc/containers/containers.conf, containers.conf.d/*.conf, or the file CONTAINERS_CONF "
        + "names) adds only the variables the shell does not set under exactly that name, and Go reads "
        + "HTTPS_PROXY before https_proxy: an HTTPS_PROXY there overrides the shell's lower-case https_proxy. Put "
        + "the proxy that works from the shell there (or remove the entry), then pull again; nothing needs a "
        + "restart.",
      ja: "podman はユーザー自身のプロセスで、シェルの HTTPS_PROXY、HTTP_PROXY、NO_PROXY を使ってプルします。"
        + "containers.conf の [engine] env (/etc/containers/containers.conf、containers.conf.d/*.conf、または "
        + "CONTAINERS_CONF が指すファイル) は、シェルが同じ名前で設定していない変数だけを追加します。Go は https_proxy "
        + "より先に HTTPS_PROXY を読むため、そこにある HTTPS_PROXY はシェルの小文字の https_proxy より優先されます。"
        + "シェルから動作するプロキシをそこに記述する (またはエントリを削除する) と、再起動なしで次のプルから有効です。"
    ),
    commands: [
      "grep -s -n -A3 '^\\[engine\\]' /etc/containers/containers.conf /etc/containers/containers.conf.d/*.conf",
      "env | grep -i _proxy",
    ])

  /// CRI-O takes its proxy from crio.service's environment when it starts.
  static let crioDropIn = RemedySpec(
    title: .init(
      en: "CRI-O: give crio the proxy in its systemd drop-in, then restart it",
      ja: "CRI-O: systemd のドロップインで crio にプロキシを設定し、再起動する"
    ),
    steps: .init(
      en:
        "On a CRI-O node the kubelet's pulls are made by crio, with the environment crio.service was started "
        + "with. Write /etc/systemd/system/crio.service.d/http-proxy.conf with the proxy that works from the shell "
        + "(replace *** with the real password; write a literal % as %%), keep the cluster's own addresses in "
        + "NO_PROXY, make the file readable by root only, then reload systemd and restart crio: a running crio "
        + "keeps the environment it started with.",
      ja: "CRI-O ノードでは、kubelet のプルは crio が crio.service の起動時の環境変数で実行します。シェルから動作する"
        + "プロキシを /etc/systemd/system/crio.service.d/http-proxy.conf に記述し (*** は実際のパスワードに置き換え、"
        + "% は %% と記述)、クラスター内のアドレスは NO_PROXY に残し、root だけが読み取れるようにしてから、systemd を"
        + "再読み込みして crio を再起動してください。実行中の crio は起動時の環境変数を使い続けます。"
    ),
    commands: [
      "sudo mkdir -p /etc/systemd/system/crio.service.d",
      "printf '%s\\n' '[Service]' 'Environment=\"HTTPS_PROXY={proxy}\"' 'Environment=\"HTTP_PROXY={proxy}\"' "
        + "'Environment=\"NO_PROXY=localhost,127.0.0.1,10.0.0.0/8,.svc,.cluster.local\"'"
        + " | sudo tee /etc/systemd/system/crio.service.d/http-proxy.conf",
      "sudo chmod 600 /etc/systemd/system/crio.service.d/http-proxy.conf",
      "sudo systemctl daemon-reload && sudo systemctl restart crio",
      "sudo tr '\\0' '\\n' < /proc/$(pidof crio)/environ | grep -i _proxy",
    ], changesSomething: true)

  /// hosts.toml `ca` is read at every pull: no restart.
  static let containerdHostsCA = RemedySpec(
    title: .init(
      en: "containerd: name the CA in /etc/containerd/certs.d/{host}/hosts.toml",
      ja: "containerd: /etc/containerd/certs.d/{host}/hosts.toml で CA を指定する"
    ),
    steps: .init(
      en:
        "containerd trusts the system bundle plus the `ca` of the registry's hosts.toml (under the CRI registry's "
        + "config_path, /etc/containerd/certs.d). Copy the CA (PEM) there and name it; hosts.toml is read at every "
        + "pull. Without config_path in config.toml containerd 1.x does not read certs.d at all: set it and restart "
        + "containerd once.",
      ja: "containerd が信頼するのはシステムの CA バンドルと、レジストリの hosts.toml (CRI の config_path、通常 "
        + "/etc/containerd/certs.d の下) の ca です。CA (PEM) をそこにコピーして指定してください。hosts.toml はプルのたびに"
        + "読み込まれます。config.toml に config_path がない containerd 1.x は certs.d を読まないため、設定して一度 "
        + "containerd を再起動してください。"
    ),
    commands: [
      "sudo mkdir -p /etc/containerd/certs.d/{host}",
      "sudo cp <private-ca.pem> /etc/containerd/certs.d/{host}/ca.crt",
      "printf '%s\\n' 'server = \"https://{host}\"' '[host.\"https://{host}\"]' '  capabilities = [\"pull\", \"resolve\"]' "
        + "'  ca = \"/etc/containerd/certs.d/{host}/ca.crt\"' | sudo tee /etc/containerd/certs.d/{host}/hosts.toml",
    ], changesSomething: true)

  /// The restart, named for the puller concerned ({puller}: its systemd unit, docker, containerd or crio).
  static let restartPuller = RemedySpec(
    title: .init(
      en: "Restart {puller} so it runs with the settings on disk",
      ja: "ディスク上の設定で動作するよう {puller} を再起動する"
    ),
    steps: .init(
      en:
        "A daemon reads its proxy from its environment once, when it starts. The files on disk (the drop-in, "
        + "daemon.json) were changed after that, or systemd was not reloaded: the running daemon still pulls with "
        + "the old values. Reload systemd and restart it (running containers of Docker stop unless live-restore "
        + "is on; containerd's keep running).",
      ja: "デーモンはプロキシを起動時に一度だけ環境変数から読み込みます。ディスク上のファイル (ドロップイン、daemon.json) が"
        + "その後に変更されたか、systemd が再読み込みされていないため、実行中のデーモンは古い値でプルを続けています。"
        + "systemd を再読み込みして再起動してください (Docker の実行中のコンテナーは live-restore が無効なら停止します。"
        + "containerd のコンテナーは動作し続けます)。"
    ),
    commands: ["sudo systemctl daemon-reload", "sudo systemctl restart {puller}"], changesSomething: true)
}
