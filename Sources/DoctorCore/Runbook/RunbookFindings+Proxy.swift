// Findings of cause C1 about HTTPS proxies: the proxy itself, the proxy environment of the shell, and the Docker
// daemon's own proxy settings (the article: configure BOTH the Docker client and the daemon, restart the daemon).

enum ProxyFindings {
  static let proxyUnreachable = FindingSpec(
    id: .proxyUnreachable, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The configured proxy cannot be reached",
      ja: "構成されているプロキシに接続できません"
    ),
    why: .init(
      en:
        "HTTPS_PROXY sends every registry request to {proxy}, and that proxy does not accept connections (wrong "
        + "host or port, proxy down, or a firewall in between), so nothing reaches the registry.",
      ja: "HTTPS_PROXY によってレジストリへのすべての要求が {proxy} に送られますが、そのプロキシが接続を受け付けていません "
        + "(ホストまたはポートの誤り、プロキシの停止、または間のファイアウォール)。そのため、レジストリには何も届きません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Check the proxy address and port", ja: "プロキシのアドレスとポートを確認する"),
        steps: .init(
          en:
            "Compare the proxy variables with the proxy your network publishes (PAC file or IT documentation); "
            + "try the proxy directly with curl.",
          ja: "プロキシ変数を、ネットワークで公開されているプロキシ (PAC ファイルや IT 部門のドキュメント) と比較し、"
            + "curl でプロキシを直接試してください。"
        ),
        commands: ["env | grep -i _proxy", "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/"]
      ),
      RemedySpec(
        title: .init(
          en: "Fix the proxy in the shell and in the Docker daemon",
          ja: "シェルと Docker デーモンのプロキシを修正する"),
        steps: .init(
          en:
            "Correct HTTPS_PROXY in the shell profile and the Docker daemon's proxy settings alike, then restart "
            + "the daemon.",
          ja: "シェル プロファイルの HTTPS_PROXY と Docker デーモンのプロキシ設定の両方を修正し、デーモンを再起動してください。"
        ),
        commands: [
          "systemctl show docker --property=Environment",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )

  static let proxyConnectDenied = FindingSpec(
    id: .proxyConnectDenied, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The proxy refuses to open a tunnel to the registry",
      ja: "プロキシがレジストリへのトンネルを拒否しています"
    ),
    why: .init(
      en:
        "The proxy answers the CONNECT request for {host}:443 with an error instead of 200. Docker shows this as "
        + "login attempt failed with status: 403 Forbidden, although the registry itself never saw the request.",
      ja: "プロキシが {host}:443 への CONNECT 要求に対して、200 ではなくエラーを返しています。Docker では login attempt failed "
        + "with status: 403 Forbidden と表示されますが、レジストリ自体は要求を受け取っていません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Allow-list the registry endpoints at the proxy",
          ja: "プロキシでレジストリ エンドポイントを許可リストに登録する"
        ),
        steps: .init(
          en:
            "Ask the proxy administrators to allow CONNECT on port 443 to {loginServer} and to every data endpoint "
            + "(<registry-name>.<region>.data.azurecr.io, one per regional replica).",
          ja:
            "{loginServer} とすべてのデータ エンドポイント (<registry-name>.<region>.data.azurecr.io、リージョンのレプリカごと) への"
            + "ポート 443 の CONNECT を許可するよう、プロキシ管理者に依頼してください。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}",
          "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(en: "On 407, supply proxy credentials", ja: "407 の場合はプロキシの資格情報を指定する"),
        steps: .init(
          en:
            "407 Proxy Authentication Required means the proxy wants credentials: put them in the proxy URL "
            + "(http://user:password@proxy:port, percent-encoded) for the shell and the Docker daemon. Keep such files "
            + "readable by root only.",
          ja: "407 Proxy Authentication Required は、プロキシが資格情報を要求していることを示します。シェルと Docker デーモンの"
            + "プロキシ URL に資格情報を含めてください (http://user:password@proxy:port、パーセント エンコード)。"
            + "資格情報を含むファイルは root だけが読み取れるようにしてください。"
        ),
        commands: ["curl -v --max-time 10 -x '{proxy}' --proxy-user <user> https://{hostPort}/v2/"]
      ),
    ]
  )

  static let proxyConnectionClosed = FindingSpec(
    id: .proxyConnectionClosed, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The proxy closes the connection (proxyconnect tcp: EOF)",
      ja: "プロキシが接続を閉じています (proxyconnect tcp: EOF)"
    ),
    why: .init(
      en:
        "The proxy accepts the TCP connection and then closes it without an answer to CONNECT. Go clients such as "
        + "Docker report Get <registry>: proxyconnect tcp: EOF. Typical reasons: the wrong port or scheme for the "
        + "proxy, or a policy that drops the tunnel.",
      ja: "プロキシは TCP 接続を受け付けた後、CONNECT に応答せずに接続を閉じています。Docker などの Go クライアントは "
        + "Get <registry>: proxyconnect tcp: EOF と報告します。一般的な原因は、プロキシのポートまたはスキームの誤り、"
        + "またはトンネルを切断するポリシーです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Reproduce with curl and check the proxy URL", ja: "curl で再現し、プロキシ URL を確認する"),
        steps: .init(
          en:
            "Confirm the proxy URL's scheme and port: most proxies expect http:// even for HTTPS traffic. Then ask "
            + "the proxy administrators why the tunnel to {host} is closed.",
          ja: "プロキシ URL のスキームとポートを確認します。ほとんどのプロキシは、HTTPS トラフィックでも http:// を想定しています。"
            + "そのうえで、{host} へのトンネルが閉じられる理由をプロキシ管理者に確認してください。"
        ),
        commands: ["env | grep -i _proxy", "curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/"]
      ),
      RemedySpec(
        title: .init(
          en: "Allow the registry endpoints at the proxy",
          ja: "プロキシでレジストリ エンドポイントを許可する"
        ),
        steps: .init(
          en:
            "Allow CONNECT on port 443 to {loginServer} and every data endpoint; then retry docker login.",
          ja: "{loginServer} とすべてのデータ エンドポイントへのポート 443 の CONNECT を許可し、docker login を再試行してください。"
        ),
        commands: ["az acr show-endpoints --name {registry}", "docker login {loginServer}"]
      ),
    ]
  )

  static let proxySchemeMismatch = FindingSpec(
    id: .proxySchemeMismatch, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The proxy URL's scheme does not match the proxy",
      ja: "プロキシ URL のスキームがプロキシと一致していません"
    ),
    why: .init(
      en:
        "HTTPS_PROXY=https://… makes the client speak TLS to the proxy itself, but the proxy listens for plain HTTP "
        + "(or the reverse). The handshake fails or the proxy drops the connection before any CONNECT.",
      ja: "HTTPS_PROXY=https://… を指定すると、クライアントはプロキシ自体と TLS で通信しようとしますが、プロキシは平文の HTTP で"
        + "待ち受けています (またはその逆)。CONNECT の前にハンドシェイクが失敗するか、プロキシが接続を切断します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Use http:// for a plain HTTP proxy", ja: "平文の HTTP プロキシには http:// を使用する"),
        steps: .init(
          en:
            "The variable is named HTTPS_PROXY because it is used for HTTPS destinations; the proxy URL itself "
            + "usually starts with http://. Change it in the shell profile and in the Docker daemon's settings, then "
            + "restart the daemon.",
          ja: "HTTPS_PROXY という変数名は HTTPS の宛先に使用されることを表しており、プロキシ URL 自体は通常 http:// で始まります。"
            + "シェル プロファイルと Docker デーモンの設定の両方で変更し、デーモンを再起動してください。"
        ),
        commands: [
          "env | grep -i _proxy",
          "curl -v --max-time 10 -x 'http://<proxy-host>:<port>' https://{hostPort}/v2/",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      )
    ]
  )

  static let noProxyBypassesProxy = FindingSpec(
    id: .noProxyBypassesProxy, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "NO_PROXY sends the registry past the proxy, and direct access is blocked",
      ja: "NO_PROXY によってレジストリがプロキシを経由せず、直接アクセスはブロックされています"
    ),
    why: .init(
      en:
        "An entry in NO_PROXY or no_proxy (such as .azurecr.io or .io) matches {host}, so the client connects "
        + "directly, and this network allows outbound HTTPS only through the proxy.",
      ja: "NO_PROXY または no_proxy のエントリ (.azurecr.io や .io など) が {host} に一致するため、クライアントは直接接続しますが、"
        + "このネットワークでは送信 HTTPS はプロキシ経由でのみ許可されています。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Remove the matching entry from NO_PROXY in the shell and the daemon",
          ja: "シェルとデーモンの NO_PROXY から一致するエントリを削除する"
        ),
        steps: .init(
          en:
            "Edit both spellings (NO_PROXY and no_proxy) in the shell profile, and the NO_PROXY of the Docker "
            + "daemon (systemd drop-in or the no-proxy key in daemon.json); then restart the daemon. Keep private "
            + "endpoints in NO_PROXY only when they are reachable directly.",
          ja: "シェル プロファイルの両方の表記 (NO_PROXY と no_proxy) と、Docker デーモンの NO_PROXY (systemd のドロップイン、"
            + "または daemon.json の no-proxy キー) を編集し、デーモンを再起動してください。プライベート エンドポイントは、"
            + "直接到達できる場合にのみ NO_PROXY に残します。"
        ),
        commands: [
          "env | grep -i no_proxy",
          "systemctl show docker --property=Environment",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      )
    ]
  )

  /// Shared by the two daemon-proxy findings: the systemd drop-in that gives dockerd its proxy.
  static let systemdDropIn = RemedySpec(
    title: .init(
      en: "Configure the Docker daemon's proxy with a systemd drop-in",
      ja: "systemd のドロップインで Docker デーモンのプロキシを構成する"
    ),
    steps: .init(
      en:
        "Docker pulls and pushes are made by the daemon, not by the docker command, so the daemon needs its own "
        + "proxy. Write /etc/systemd/system/docker.service.d/http-proxy.conf, replace *** with the real password if "
        + "the proxy needs one (write a literal % as %% in systemd files) and make the file readable by root only. "
        + "Be sure to restart the daemon after changing its proxy settings.",
      ja: "Docker のプルとプッシュは docker コマンドではなくデーモンが実行するため、デーモンにも個別にプロキシの設定が必要です。"
        + "/etc/systemd/system/docker.service.d/http-proxy.conf を作成し、プロキシにパスワードが必要な場合は *** を実際の"
        + "パスワードに置き換え (systemd のファイルでは % を %% と記述します)、root だけが読み取れるようにします。"
        + "Docker デーモンのプロキシ設定を変更する場合は、必ずデーモンを再起動してください。"
    ),
    commands: [
      "sudo mkdir -p /etc/systemd/system/docker.service.d",
      "printf '%s\\n' '[Service]' 'Environment=\"HTTPS_PROXY={proxy}\"' 'Environment=\"HTTP_PROXY={proxy}\"' "
        + "'Environment=\"NO_PROXY=localhost,127.0.0.1\"'"
        + " | sudo tee /etc/systemd/system/docker.service.d/http-proxy.conf",
      "sudo chmod 600 /etc/systemd/system/docker.service.d/http-proxy.conf",
      "sudo systemctl daemon-reload && sudo systemctl restart docker",
    ],
    changesSomething: true
  )

  static let daemonJSONProxies = RemedySpec(
    title: .init(
      en: "Or set proxies in /etc/docker/daemon.json (Docker Engine 23.0 or later)",
      ja: "または /etc/docker/daemon.json で proxies を設定する (Docker Engine 23.0 以降)"
    ),
    steps: .init(
      en: "Add the key to the existing JSON object, keeping the other keys: "
        + "\"proxies\": {\"http-proxy\": \"{proxy}\", \"https-proxy\": \"{proxy}\", "
        + "\"no-proxy\": \"localhost,127.0.0.1\"}. Settings in daemon.json override the systemd environment. "
        + "Restart the daemon afterwards.",
      ja: "既存の JSON オブジェクトに、他のキーを残したまま次のキーを追加します: "
        + "\"proxies\": {\"http-proxy\": \"{proxy}\", \"https-proxy\": \"{proxy}\", "
        + "\"no-proxy\": \"localhost,127.0.0.1\"}。daemon.json の設定は systemd の環境変数より優先されます。"
        + "変更後はデーモンを再起動してください。"
    ),
    commands: [
      "docker version --format '{{.Server.Version}}'",
      "sudoedit /etc/docker/daemon.json",
      "sudo systemctl restart docker",
    ],
    changesSomething: true
  )

  static let verifyDaemonProxy = RemedySpec(
    title: .init(en: "Verify the proxy the daemon uses", ja: "デーモンが使用するプロキシを確認する"),
    steps: .init(
      en:
        "docker info shows the HTTP Proxy, HTTPS Proxy and No Proxy the running daemon uses; they must match "
        + "the values that work from the shell.",
      ja: "docker info には、実行中のデーモンが使用する HTTP Proxy、HTTPS Proxy、No Proxy が表示されます。"
        + "これらはシェルから正常に動作する値と一致している必要があります。"
    ),
    commands: ["docker info | grep -i proxy", "env | grep -i _proxy"]
  )

  static let dockerDaemonProxyMissing = FindingSpec(
    id: .dockerDaemonProxyMissing, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The Docker daemon has no proxy, but this network needs one",
      ja: "このネットワークではプロキシが必要ですが、Docker デーモンにプロキシが構成されていません"
    ),
    why: .init(
      en:
        "The shell reaches the registry through {proxy}, but the Docker daemon, which performs the pulls and "
        + "pushes, has no proxy settings and tries to connect directly. Behind an HTTPS proxy, both the Docker client "
        + "and the Docker daemon must be configured for proxy behavior.",
      ja: "シェルは {proxy} 経由でレジストリに到達していますが、プルとプッシュを実行する Docker デーモンにはプロキシ設定がなく、"
        + "直接接続しようとしています。HTTPS プロキシの背後では、Docker クライアントと Docker デーモンの両方をプロキシの動作用に"
        + "構成する必要があります。"
    ),
    remedies: [systemdDropIn, daemonJSONProxies, verifyDaemonProxy]
  )

  static let dockerDaemonProxyMismatch = FindingSpec(
    id: .dockerDaemonProxyMismatch, cause: .clientFirewallOrProxy, severity: .warning,
    title: .init(
      en: "The Docker daemon's proxy settings differ from the working ones",
      ja: "Docker デーモンのプロキシ設定が、正常に動作する設定と異なります"
    ),
    why: .init(
      en:
        "The daemon uses a different proxy or NO_PROXY than the shell, where the registry is reachable. Pulls "
        + "may fail even though curl works. A daemon that was not restarted after a change still uses the old values.",
      ja: "デーモンは、レジストリに到達できるシェルとは異なるプロキシまたは NO_PROXY を使用しています。curl は成功しても"
        + "プルが失敗する場合があります。変更後にデーモンを再起動していない場合は、古い値が使用され続けます。"
    ),
    remedies: [verifyDaemonProxy, systemdDropIn, daemonJSONProxies]
  )

  static let dockerDaemonConfigInvalid = FindingSpec(
    id: .dockerDaemonConfigInvalid, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The Docker daemon's configuration does not parse",
      ja: "Docker デーモンの構成ファイルを解析できません"
    ),
    why: .init(
      en:
        "/etc/docker/daemon.json or a systemd drop-in for docker.service contains a syntax error. The daemon "
        + "refuses to start, or starts without the intended proxy settings.",
      ja: "/etc/docker/daemon.json または docker.service の systemd ドロップインに構文エラーがあります。デーモンが起動しないか、"
        + "意図したプロキシ設定なしで起動します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Validate the daemon configuration", ja: "デーモンの構成を検証する"),
        steps: .init(
          en:
            "dockerd --validate (Docker Engine 23.0 or later) checks daemon.json; the journal shows why the daemon "
            + "failed to start. Fix the reported line, then restart the daemon.",
          ja: "dockerd --validate (Docker Engine 23.0 以降) で daemon.json を検証できます。デーモンが起動しなかった理由は"
            + "ジャーナルで確認できます。報告された行を修正し、デーモンを再起動してください。"
        ),
        commands: [
          "sudo dockerd --validate --config-file /etc/docker/daemon.json",
          "python3 -m json.tool /etc/docker/daemon.json",
          "sudo journalctl -u docker --since '-15min' --no-pager",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the systemd drop-ins", ja: "systemd のドロップインを確認する"),
        steps: .init(
          en:
            "Each drop-in needs a [Service] section and Environment=\"NAME=value\" lines. systemctl cat shows all "
            + "files that apply; reload systemd and restart the daemon after fixing them.",
          ja:
            "各ドロップインには [Service] セクションと Environment=\"NAME=value\" 形式の行が必要です。systemctl cat で、適用される"
            + "すべてのファイルを確認できます。修正後は systemd を再読み込みし、デーモンを再起動してください。"
        ),
        commands: [
          "systemctl cat docker",
          "sudo systemd-analyze verify docker.service",
          "sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )
}
