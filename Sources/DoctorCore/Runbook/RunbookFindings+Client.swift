// Findings of cause C1 seen on this machine's own path: name resolution, TCP, TLS, HTTP, data endpoints.

enum ClientFindings {
  static let dnsServerUnreachable = FindingSpec(
    id: .dnsServerUnreachable, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The configured DNS servers do not answer",
      ja: "構成されている DNS サーバーが応答しません"
    ),
    why: .init(
      en:
        "Without an answer from a nameserver no registry name can be resolved, so every push and pull fails with "
        + "dial tcp: lookup before a single packet reaches the registry.",
      ja: "ネームサーバーから応答がないとレジストリ名を解決できないため、レジストリにパケットが 1 つも届く前に、"
        + "すべてのプッシュとプルが dial tcp: lookup エラーで失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Check which nameservers this machine uses", ja: "このマシンが使用するネームサーバーを確認する"),
        steps: .init(
          en:
            "Compare the nameservers with the ones your network should hand out. With systemd-resolved, "
            + "/etc/resolv.conf points to the local stub 127.0.0.53 and resolvectl shows the real upstream servers.",
          ja: "ネームサーバーが、ネットワークで配布されるべきものと一致しているか確認します。systemd-resolved を使用している場合、"
            + "/etc/resolv.conf はローカル スタブ 127.0.0.53 を指し、実際の上位サーバーは resolvectl で確認できます。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf"]
      ),
      RemedySpec(
        title: .init(
          en: "Query a nameserver directly and allow DNS traffic to it",
          ja: "ネームサーバーに直接問い合わせ、DNS トラフィックを許可する"
        ),
        steps: .init(
          en:
            "If a direct query times out, a firewall drops DNS (UDP and TCP port 53) between this machine and the "
            + "nameserver, or the nameserver is down. In an Azure virtual network, custom DNS server VMs must be "
            + "running and able to reach Azure DNS at 168.63.129.16.",
          ja: "直接の問い合わせがタイムアウトする場合は、このマシンとネームサーバーの間でファイアウォールが DNS (UDP および TCP "
            + "ポート 53) を破棄しているか、ネームサーバーが停止しています。Azure 仮想ネットワークでは、カスタム DNS サーバーの VM が"
            + "実行中で、Azure DNS (168.63.129.16) に到達できる必要があります。"
        ),
        commands: [
          "dig @<nameserver-ip> {host} +time=3 +tries=1",
          "dig @<nameserver-ip> {host} +tcp +time=3 +tries=1",
        ]
      ),
      RemedySpec(
        title: .init(en: "Confirm name resolution after the fix", ja: "修正後に名前解決を確認する"),
        steps: .init(
          en: "getent uses the same resolver path as Docker and most tools, including /etc/hosts.",
          ja: "getent は、/etc/hosts を含め、Docker や多くのツールと同じ名前解決の経路を使用します。"
        ),
        commands: ["getent hosts {host}"]
      ),
    ]
  )

  static let loginServerDNSFailure = FindingSpec(
    id: .loginServerDNSFailure, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The registry login server name does not resolve",
      ja: "レジストリのログイン サーバー名を解決できません"
    ),
    why: .init(
      en:
        "The nameservers answer, but not with an address for the login server (NXDOMAIN or SERVFAIL), so Docker "
        + "reports dial tcp: lookup. No private link zone is involved in the answer.",
      ja: "ネームサーバーは応答していますが、ログイン サーバーのアドレスを返していません (NXDOMAIN または SERVFAIL)。"
        + "そのため Docker は dial tcp: lookup エラーを報告します。応答にはプライベート リンクのゾーンは関係していません。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Look the name up with several tools", ja: "複数のツールで名前を参照する"),
        steps: .init(
          en:
            "Use network utilities such as dig or nslookup for the DNS lookup. A typo in the registry name also "
            + "gives NXDOMAIN: compare with the login server Azure reports for the registry.",
          ja: "DNS の参照には dig や nslookup などのネットワーク ユーティリティを使用します。レジストリ名の入力ミスでも "
            + "NXDOMAIN になるため、Azure が報告するレジストリのログイン サーバーと比較してください。"
        ),
        commands: [
          "getent hosts {host}", "dig +short {host}", "nslookup {host}",
          "az acr show --name {registry} --query loginServer -o tsv",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the resolver configuration", ja: "リゾルバーの構成を確認する"),
        steps: .init(
          en:
            "A search domain, a split-horizon corporate DNS or a DNS filter can hide azurecr.io names. Ask the DNS "
            + "administrator to resolve or forward azurecr.io (and the data endpoints' data.azurecr.io).",
          ja: "検索ドメイン、社内のスプリット ホライズン DNS、または DNS フィルターによって azurecr.io の名前が解決できない場合が"
            + "あります。azurecr.io (およびデータ エンドポイントの data.azurecr.io) を解決または転送するよう DNS 管理者に"
            + "依頼してください。"
        ),
        commands: ["resolvectl status", "cat /etc/resolv.conf", "resolvectl query {host}"]
      ),
    ]
  )

  static let hostsFileOverride = FindingSpec(
    id: .hostsFileOverride, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "/etc/hosts pins the registry name to an address that fails",
      ja: "/etc/hosts でレジストリ名が応答しないアドレスに固定されています"
    ),
    why: .init(
      en:
        "An entry in /etc/hosts wins over DNS, so the registry is reached at {address} instead of the address DNS "
        + "returns, and that address does not work. Stale entries often remain after a private endpoint was "
        + "recreated or removed.",
      ja: "/etc/hosts のエントリは DNS より優先されるため、レジストリには DNS が返すアドレスではなく {address} で接続され、"
        + "そのアドレスは機能していません。プライベート エンドポイントを再作成または削除した後に、古いエントリが残っていることが"
        + "よくあります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Remove or correct the /etc/hosts entry", ja: "/etc/hosts のエントリを削除または修正する"),
        steps: .init(
          en:
            "Find the line for {host}, then delete it (or change it to the registry's current private IP address) "
            + "with an editor. getent shows what the system resolves, dig what DNS returns.",
          ja: "{host} の行を見つけ、エディターで削除します (またはレジストリの現在のプライベート IP アドレスに変更します)。"
            + "getent はシステムが解決する結果を、dig は DNS が返す結果を示します。"
        ),
        commands: [
          "grep -n {host} /etc/hosts", "sudoedit /etc/hosts", "getent hosts {host}",
          "dig +short {host}",
        ],
        changesSomething: true
      ),
      RemedySpec(
        title: .init(en: "Check containers and other machines too", ja: "コンテナーや他のマシンも確認する"),
        steps: .init(
          en:
            "Images, provisioning scripts and configuration management may write the same entry again; fix it at "
            + "the source so it does not come back.",
          ja: "イメージ、プロビジョニング スクリプト、構成管理ツールによって同じエントリが再び書き込まれる場合があります。"
            + "再発しないよう、書き込み元で修正してください。"
        ),
        commands: ["grep -rn {host} /etc/hosts /etc/cloud/templates 2>/dev/null"]
      ),
    ]
  )

  static let tcpConnectTimeout = FindingSpec(
    id: .tcpConnectTimeout, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "Connections to the registry on port 443 time out",
      ja: "レジストリのポート 443 への接続がタイムアウトします"
    ),
    why: .init(
      en:
        "The connection attempt gets no answer at all: a firewall on the way silently drops traffic to the "
        + "registry's public endpoint. Docker reports this as Client.Timeout exceeded or i/o timeout.",
      ja: "接続要求に対して応答がまったくありません。経路上のファイアウォールが、レジストリのパブリック エンドポイントへの"
        + "トラフィックを通知なしに破棄しています。Docker では Client.Timeout exceeded または i/o timeout として報告されます。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Allow egress on TCP 443 to the login server and every data endpoint",
          ja: "ログイン サーバーとすべてのデータ エンドポイントへの TCP 443 のエグレスを許可する"
        ),
        steps: .init(
          en:
            "Configure the firewall rules to access the registry's public REST endpoint ({loginServer}) and its data "
            + "endpoints (one per regional replica). On Azure Firewall or an NSG, the AzureContainerRegistry service "
            + "tag (optionally per region, such as AzureContainerRegistry.<region>) covers them.",
          ja: "レジストリのパブリック REST エンドポイント ({loginServer}) とデータ エンドポイント (リージョンのレプリカごと) に"
            + "アクセスするようにファイアウォール規則を構成します。Azure Firewall や NSG では、AzureContainerRegistry "
            + "サービス タグ (リージョン単位の AzureContainerRegistry.<region> も使用可能) でこれらを対象にできます。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}", "nc -vz -w 5 {host} {port}",
          "curl -v --max-time 10 https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Check whether this network requires a proxy", ja: "このネットワークでプロキシが必要か確認する"),
        steps: .init(
          en:
            "Many corporate networks allow outbound HTTPS only through a proxy. If other HTTPS sites work only "
            + "through a proxy, set HTTPS_PROXY for the shell and configure the Docker daemon's proxy as well.",
          ja: "多くの企業ネットワークでは、送信 HTTPS はプロキシ経由でのみ許可されています。他の HTTPS サイトにプロキシ経由でしか"
            + "アクセスできない場合は、シェルの HTTPS_PROXY を設定し、Docker デーモンのプロキシも構成してください。"
        ),
        commands: ["env | grep -i _proxy", "docker info | grep -i proxy"]
      ),
    ]
  )

  static let tcpConnectRefused = FindingSpec(
    id: .tcpConnectRefused, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "Connections to the registry are refused",
      ja: "レジストリへの接続が拒否されます"
    ),
    why: .init(
      en:
        "Something answers the connection to {address} port {port} with a reset: a local or network firewall that "
        + "rejects instead of dropping, or an address that is not the registry's (stale DNS or /etc/hosts entry).",
      ja: "{address} のポート {port} への接続に対してリセットが返されています。破棄ではなく拒否するローカルまたはネットワークの"
        + "ファイアウォールか、レジストリのものではないアドレス (古い DNS または /etc/hosts のエントリ) が原因です。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Confirm the address is the registry's", ja: "アドレスがレジストリのものであることを確認する"),
        steps: .init(
          en:
            "Compare what the system resolves with what DNS returns; a difference points to /etc/hosts or a cache.",
          ja: "システムが解決する結果と DNS が返す結果を比較します。違いがある場合は /etc/hosts またはキャッシュが原因です。"
        ),
        commands: ["getent hosts {host}", "dig +short {host}", "nc -vz -w 5 {host} {port}"]
      ),
      RemedySpec(
        title: .init(en: "Look for a rejecting firewall rule", ja: "拒否するファイアウォール規則を探す"),
        steps: .init(
          en:
            "Check this machine's outbound rules first, then ask the network team for REJECT rules toward the "
            + "registry endpoints on TCP {port}.",
          ja: "まずこのマシンの送信規則を確認し、次にレジストリ エンドポイントへの TCP {port} を拒否する規則がないか"
            + "ネットワーク チームに確認してください。"
        ),
        commands: ["sudo nft list ruleset", "sudo iptables -S OUTPUT"]
      ),
    ]
  )

  static let tlsHandshakeFailed = FindingSpec(
    id: .tlsHandshakeFailed, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The TLS handshake with the registry fails",
      ja: "レジストリとの TLS ハンドシェイクが失敗します"
    ),
    why: .init(
      en:
        "The connection opens but TLS does not complete: the certificate chain is not trusted, the name does not "
        + "match, or a device on the path resets the session. Docker and the Azure CLI refuse such a connection.",
      ja: "接続は確立されますが TLS が完了しません。証明書チェーンが信頼されていない、名前が一致しない、または経路上のデバイスが"
        + "セッションをリセットしています。Docker と Azure CLI はこのような接続を拒否します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Inspect the certificate chain the client receives", ja: "クライアントが受け取る証明書チェーンを確認する"),
        steps: .init(
          en:
            "The registry presents a certificate for *.azurecr.io issued by a Microsoft public CA. Another issuer "
            + "means TLS inspection; a reset during the handshake means a device on the path blocks it.",
          ja: "レジストリは、Microsoft のパブリック CA が発行した *.azurecr.io の証明書を提示します。発行者が異なる場合は "
            + "TLS 検査が行われています。ハンドシェイク中にリセットされる場合は、経路上のデバイスがブロックしています。"
        ),
        commands: [
          "openssl s_client -connect {host}:{port} -servername {host} -showcerts </dev/null",
          "curl -v --max-time 10 https://{hostPort}/v2/",
        ]
      ),
      RemedySpec(
        title: .init(en: "Check the trust store and the clock", ja: "信頼ストアと時刻を確認する"),
        steps: .init(
          en:
            "Refresh the system CA bundle; if SSL_CERT_FILE or SSL_CERT_DIR is set, make sure it points to a "
            + "complete bundle. A wrong system clock makes valid certificates look expired.",
          ja: "システムの CA バンドルを更新します。SSL_CERT_FILE または SSL_CERT_DIR が設定されている場合は、完全なバンドルを"
            + "指していることを確認してください。システム時刻がずれていると、有効な証明書も期限切れと判断されます。"
        ),
        commands: [
          "env | grep -E '^SSL_CERT_(FILE|DIR)='", "sudo update-ca-certificates",
          "timedatectl status",
        ],
        changesSomething: true
      ),
    ]
  )

  static let tlsInterception = FindingSpec(
    id: .tlsInterception, cause: .clientFirewallOrProxy, severity: .warning,
    title: .init(
      en: "A proxy or firewall inspects TLS to the registry",
      ja: "プロキシまたはファイアウォールがレジストリへの TLS を検査しています"
    ),
    why: .init(
      en:
        "The certificate chain is not issued by the registry's public CA, so a device on the path decrypts and "
        + "re-encrypts the traffic. Clients that do not trust the device's CA fail, and large layer downloads can be "
        + "slowed down or cut.",
      ja: "証明書チェーンがレジストリのパブリック CA によって発行されたものではないため、経路上のデバイスがトラフィックを"
        + "復号して再暗号化しています。デバイスの CA を信頼していないクライアントは失敗し、大きなレイヤーのダウンロードが"
        + "遅くなったり中断されたりする場合があります。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Exclude the registry from TLS inspection", ja: "レジストリを TLS 検査の対象から除外する"),
        steps: .init(
          en:
            "Ask the proxy or firewall team to bypass inspection for {loginServer} and every data endpoint "
            + "(*.data.azurecr.io). This is the most reliable fix.",
          ja: "{loginServer} とすべてのデータ エンドポイント (*.data.azurecr.io) を検査の対象外にするよう、プロキシまたは"
            + "ファイアウォールの担当チームに依頼してください。これが最も確実な対処法です。"
        ),
        commands: [
          "openssl s_client -connect {host}:{port} -servername {host} </dev/null 2>/dev/null"
            + " | openssl x509 -noout -issuer -subject"
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Or trust the inspecting CA and restart Docker",
          ja: "または検査用 CA を信頼し、Docker を再起動する"
        ),
        steps: .init(
          en:
            "Install the proxy's root CA certificate (PEM, .crt) into the system trust store. The Docker daemon reads "
            + "the store only when it starts, so restart it afterwards.",
          ja: "プロキシのルート CA 証明書 (PEM 形式、.crt) をシステムの信頼ストアにインストールします。Docker デーモンは起動時に"
            + "のみ信頼ストアを読み込むため、インストール後にデーモンを再起動してください。"
        ),
        commands: [
          "sudo cp <proxy-root-ca>.crt /usr/local/share/ca-certificates/",
          "sudo update-ca-certificates",
          "sudo systemctl restart docker",
        ],
        changesSomething: true
      ),
    ]
  )

  static let registryNotResponding = FindingSpec(
    id: .registryNotResponding, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The registry accepts the connection but sends no answer in time",
      ja: "レジストリへの接続は確立されますが、時間内に応答がありません"
    ),
    why: .init(
      en:
        "TCP and TLS succeed, yet no complete HTTP response arrives: a device on the path (proxy, IPS, DLP) holds "
        + "the request. This is the classic Client.Timeout exceeded while awaiting headers.",
      ja: "TCP と TLS は成功していますが、完全な HTTP 応答が届きません。経路上のデバイス (プロキシ、IPS、DLP) が要求を"
        + "保留しています。これが典型的な Client.Timeout exceeded while awaiting headers エラーです。"
    ),
    remedies: [
      RemedySpec(
        title: .init(en: "Measure where the request stalls", ja: "要求が停止する段階を計測する"),
        steps: .init(
          en:
            "A healthy registry answers /v2/ with 401 within a second. Compare the time to connect, to finish TLS "
            + "and to the first byte.",
          ja: "正常なレジストリは /v2/ に対して 1 秒以内に 401 を返します。接続、TLS の完了、最初のバイトまでの時間を"
            + "比較してください。"
        ),
        commands: [
          "curl -sv --max-time 30 -o /dev/null -w 'connect=%{time_connect} tls=%{time_appconnect} "
            + "first-byte=%{time_starttransfer} status=%{http_code}\\n' https://{hostPort}/v2/"
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Allow the registry through the inspecting device",
          ja: "検査デバイスでレジストリの通信を許可する"
        ),
        steps: .init(
          en:
            "Ask the network team to check the proxy, IPS or DLP logs for {host} and to allow the registry's "
            + "REST and data endpoints without holding requests.",
          ja: "プロキシ、IPS、DLP のログで {host} を確認し、レジストリの REST エンドポイントとデータ エンドポイントへの要求を"
            + "保留せずに許可するよう、ネットワーク チームに依頼してください。"
        ),
        commands: ["az acr show-endpoints --name {registry}"]
      ),
      SharedRemedies.checkHealth,
    ]
  )

  static let dataEndpointUnreachable = FindingSpec(
    id: .dataEndpointUnreachable, cause: .clientFirewallOrProxy, severity: .error,
    title: .init(
      en: "The login server works but a data endpoint cannot be reached",
      ja: "ログイン サーバーには接続できますが、データ エンドポイントに接続できません"
    ),
    why: .init(
      en:
        "Login and manifests go to the login server, but image layers are downloaded from the data endpoint "
        + "{dataEndpoint}. With only the login server allowed, docker login succeeds and pulls hang or fail.",
      ja: "ログインとマニフェストはログイン サーバーを使用しますが、イメージ レイヤーはデータ エンドポイント {dataEndpoint} から"
        + "ダウンロードされます。ログイン サーバーだけが許可されていると、docker login は成功してもプルが停止または失敗します。"
    ),
    remedies: [
      RemedySpec(
        title: .init(
          en: "Add a firewall rule for every data endpoint",
          ja: "すべてのデータ エンドポイントのファイアウォール規則を追加する"
        ),
        steps: .init(
          en:
            "If dedicated data endpoints are enabled, allow <registry-name>.<region>.data.azurecr.io; for a "
            + "geo-replicated registry, configure access to the data endpoint of each regional replica. List them "
            + "all with az acr show-endpoints.",
          ja: "専用データ エンドポイントが有効になっている場合は <registry-name>.<region>.data.azurecr.io を許可します。"
            + "geo レプリケートされたレジストリの場合は、リージョンのレプリカごとにデータ エンドポイントへのアクセスを構成します。"
            + "az acr show-endpoints ですべて一覧表示できます。"
        ),
        commands: [
          "az acr show-endpoints --name {registry}", "nc -vz -w 5 {dataEndpoint} 443",
          "curl -sv --max-time 10 -o /dev/null https://{dataEndpoint}/",
        ]
      ),
      RemedySpec(
        title: .init(
          en: "Enable dedicated data endpoints for names that are easy to allow-list",
          ja: "許可リストに登録しやすい専用データ エンドポイントを有効にする"
        ),
        steps: .init(
          en:
            "Without dedicated data endpoints, layers come from storage names that change; dedicated data endpoints "
            + "(Premium tier) give one fixed name per region.",
          ja: "専用データ エンドポイントを使用しない場合、レイヤーは変化し得るストレージ名から取得されます。専用データ エンドポイント "
            + "(Premium レベル) を使用すると、リージョンごとに固定の名前になります。"
        ),
        commands: ["az acr update --name {registry} --data-endpoint-enabled true"],
        changesSomething: true
      ),
    ]
  )
}
