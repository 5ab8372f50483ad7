# shellcheck shell=bash
# Shared by scripts/screenshots and scripts/bench-ui: lab servers on loopback and the wizard in a private tmux.
# Source it after setting BIN (the directory with regdoctor and regdoctor-lab). Everything started here is
# remembered by pid (servers) or by socket (tmux) and ended by `wizard_cleanup`, nothing else.

WORK=$(mktemp -d "${TMPDIR:-/tmp}/regdoctor-wizard.XXXXXX")
SOCK=""
SOCKETS=()
LAB_PIDS=()

wizard_cleanup() {
  for s in "${SOCKETS[@]}"; do tmux -L "$s" kill-server 2>/dev/null || true; done
  for pid in "${LAB_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}

# A private /etc: the probes read resolv.conf and hosts from REGDOCTOR_ETC, so DNS only ever asks 127.0.0.1.
wizard_prepare() {
  mkdir -p "$WORK/etc"
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$WORK/etc/resolv.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$WORK/etc/hosts"
  "$BIN/regdoctor-lab" pki --out "$WORK/pki" --leaf registry=localhost,127.0.0.1 >/dev/null
}

# start_registry MODE VAR: starts a TLS registry on a free loopback port and sets VAR to its ADDR:PORT.
# (Not `$(start_registry)`: the pid must be remembered in this shell, not in a subshell.)
start_registry() {
  local mode=$1 var=$2 out="$WORK/registry-$1.out"
  "$BIN/regdoctor-lab" registry --listen 127.0.0.1:0 --mode "$mode" \
    --cert "$WORK/pki/registry.pem" --key "$WORK/pki/registry-key.pem" >"$out" &
  LAB_PIDS+=($!)
  local deadline=$((SECONDS + 15))
  until grep -q '^ready ' "$out" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "registry $mode did not start" >&2; return 1; }
    sleep 0.05
  done
  printf -v "$var" '%s' "$(sed -n 's/^ready //p' "$out" | head -1)"
}

# start_wizard WIDTH HEIGHT ARGS...: a fresh tmux server (a new socket; the previous one is ended) running the
# wizard in a shell with a clean environment.
start_wizard() {
  local width=$1 height=$2
  shift 2
  [ -z "$SOCK" ] || tmux -L "$SOCK" kill-server 2>/dev/null || true
  SOCK="regdoctor-$$-${#SOCKETS[@]}"
  SOCKETS+=("$SOCK")
  local cmd
  cmd=$(printf '%q ' "$BIN/regdoctor" "$@")
  tmux -L "$SOCK" -f /dev/null new-session -d -s main -x "$width" -y "$height" -c "$WORK" \
    env -i HOME="$WORK" PATH=/usr/bin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color \
    SSL_CERT_FILE="$WORK/pki/ca.pem" REGDOCTOR_ETC="$WORK/etc" DOCKER_HOST="unix://$WORK/no-docker.sock" \
    PS1='$ ' HISTFILE= bash --norc --noprofile -i
  tmux -L "$SOCK" set-option -g window-size manual
  tmux -L "$SOCK" send-keys -t main -l "$cmd"
  tmux -L "$SOCK" send-keys -t main Enter
}

keys() { tmux -L "$SOCK" send-keys -t main "$@"; }
screen_text() { tmux -L "$SOCK" capture-pane -p -t main 2>/dev/null; }
# With colours and attributes: a cursor move changes only those.
screen_styled() { tmux -L "$SOCK" capture-pane -e -p -t main 2>/dev/null; }

# wait_for TEXT [SECONDS]: polls the screen every 50 ms until it contains TEXT.
wait_for() {
  local text=$1 deadline=$((SECONDS + ${2:-15}))
  until screen_text | grep -qF -- "$text"; do
    if [ $SECONDS -ge $deadline ] || ! tmux -L "$SOCK" has-session 2>/dev/null; then
      echo "timed out waiting for: $text" >&2
      screen_text >&2
      return 1
    fi
    sleep 0.05
  done
}

# The pid of the program the pane's shell runs (the wizard).
wizard_pid() {
  local shell
  shell=$(tmux -L "$SOCK" display-message -p -t main '#{pane_pid}')
  awk '{print $NF}' "/proc/$shell/task/$shell/children"
}
