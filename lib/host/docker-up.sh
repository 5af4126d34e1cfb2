#!/usr/bin/env bash
# Brings up a Docker engine on a bare Debian host without systemd, idempotently:
#   1. installs Debian's docker.io (+ jq) when no dockerd exists,
#   2. when the capability bounding set lacks CAP_SYS_RESOURCE (bit 24), installs a runc
#      wrapper that strips that capability and makes it docker's default runtime
#      (otherwise `docker run --privileged` and `docker exec` into privileged containers fail
#      with "unable to apply caps: operation not permitted"; see README.md here),
#   3. starts dockerd in the background (log: /var/log/inplace-e2e-dockerd.log),
#   4. waits until `docker info` answers.
# Env: DOCKER_UP_TIMEOUT (seconds to wait for the daemon, default 60).
set -euo pipefail

LIBEXEC=/usr/local/libexec/inplace-e2e
WRAPPER=$LIBEXEC/runc-nosysresource
RUNTIME_NAME=inplace-e2e-runc
DAEMON_JSON=/etc/docker/daemon.json
LOG=/var/log/inplace-e2e-dockerd.log
TIMEOUT=${DOCKER_UP_TIMEOUT:-60}

say() { echo "docker-up: $*" >&2; }
die() { say "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (installs packages, writes /etc/docker, starts dockerd)"

# --- 1. packages -------------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || die "apt-get install ${need[*]} failed"
fi
command -v dockerd >/dev/null 2>&1 || die "dockerd not found after installing docker.io"

# --- 2. runc wrapper ---------------------------------------------------------------------------
capbnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
lacks_sys_resource=0
(( (16#$capbnd >> 24) & 1 )) || lacks_sys_resource=1

real_runc=""
for c in /usr/sbin/runc /usr/bin/runc /usr/local/sbin/runc /usr/local/bin/runc; do
  [ -x "$c" ] && { real_runc=$c; break; }
done

mkdir -p /etc/docker
[ -s "$DAEMON_JSON" ] || echo '{}' > "$DAEMON_JSON"
jq empty "$DAEMON_JSON" 2>/dev/null || die "$DAEMON_JSON is not valid JSON; fix or remove it"
before=$(jq -S . "$DAEMON_JSON")

if [ "$lacks_sys_resource" = 1 ]; then
  [ -n "$real_runc" ] || die "no runc binary found (expected /usr/sbin/runc from Debian's runc package)"
  mkdir -p "$LIBEXEC"
  tmp=$(mktemp "$LIBEXEC/.wrapper.XXXXXX")
  cat > "$tmp" <<EOF
#!/bin/bash
# Written by inplace-e2e lib/host/docker-up.sh. This host's capability bounding set lacks
# CAP_SYS_RESOURCE, so runc fails to grant it to privileged containers ("unable to apply caps").
# Strip it from the OCI spec (create/run: <bundle>/config.json) and from the process spec
# (exec: --process FILE), then run the real runc with unchanged arguments.
REAL_RUNC=$real_runc
JQ=$(command -v jq)
EOF
  cat >> "$tmp" <<'EOF'
strip() { # $1 = file, $2 = jq path of the capabilities object
  [ -f "$1" ] || return 0
  local out
  out=$("$JQ" -c "if $2 then $2 |= with_entries(.value |= (if type == \"array\" then map(select(. != \"CAP_SYS_RESOURCE\")) else . end)) else . end" "$1") || return 0
  printf '%s' "$out" > "$1"
}
args=("$@")
sub="" bundle="" process=""
i=0
# Global options that take a value come before the subcommand.
while [ $i -lt ${#args[@]} ]; do
  a=${args[$i]}
  case "$a" in
    --root|--log|--log-format|--criu|--rootless) i=$((i + 2)); continue ;;
    -*) i=$((i + 1)); continue ;;
    *) sub=$a; i=$((i + 1)); break ;;
  esac
done
while [ $i -lt ${#args[@]} ]; do
  a=${args[$i]}
  case "$a" in
    --bundle|-b) bundle=${args[$((i + 1))]:-} ;;
    --bundle=*) bundle=${a#--bundle=} ;;
    --process|-p) process=${args[$((i + 1))]:-} ;;
    --process=*) process=${a#--process=} ;;
  esac
  i=$((i + 1))
done
case "$sub" in
  create|run) strip "${bundle:-.}/config.json" .process.capabilities ;;
  exec) [ -n "$process" ] && strip "$process" .capabilities ;;
esac
exec "$REAL_RUNC" "$@"
EOF
  chmod 0755 "$tmp"
  if cmp -s "$tmp" "$WRAPPER"; then rm -f "$tmp"; else mv -f "$tmp" "$WRAPPER"; say "wrote $WRAPPER (real runc: $real_runc)"; fi
  jq --arg n "$RUNTIME_NAME" --arg p "$WRAPPER" \
    '.runtimes = ((.runtimes // {}) + {($n): {path: $p}}) | ."default-runtime" = $n' \
    "$DAEMON_JSON" > "$DAEMON_JSON.tmp"
else
  # The host can grant CAP_SYS_RESOURCE: plain runc works, so undo a wrapper from an earlier run.
  rm -f "$WRAPPER"
  jq --arg n "$RUNTIME_NAME" \
    'if ."default-runtime" == $n then del(."default-runtime") else . end
     | if .runtimes then .runtimes |= del(.[$n]) else . end
     | if .runtimes == {} then del(.runtimes) else . end' \
    "$DAEMON_JSON" > "$DAEMON_JSON.tmp"
fi
if [ "$(jq -S . "$DAEMON_JSON.tmp")" != "$before" ]; then
  mv -f "$DAEMON_JSON.tmp" "$DAEMON_JSON"; config_changed=1; say "updated $DAEMON_JSON"
else
  rm -f "$DAEMON_JSON.tmp"; config_changed=0
fi

# --- 3. dockerd --------------------------------------------------------------------------------
dockerd_pid=$(pgrep -x dockerd | head -1 || true)
if [ -n "$dockerd_pid" ]; then
  if [ "$config_changed" = 1 ]; then
    # runtimes and default-runtime are reloadable settings: SIGHUP, no restart of running containers.
    say "dockerd running (pid $dockerd_pid); reloading configuration"
    kill -HUP "$dockerd_pid"
  fi
else
  say "starting dockerd (log: $LOG)"
  # setsid: detach from this shell's session so dockerd outlives it.
  setsid nohup dockerd >>"$LOG" 2>&1 < /dev/null &
fi

# --- 4. wait -----------------------------------------------------------------------------------
deadline=$(( $(date +%s) + TIMEOUT ))
until docker info >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    say "last lines of $LOG:"; tail -n 20 "$LOG" >&2 || true
    die "docker did not answer 'docker info' within ${TIMEOUT}s (client: $(command -v docker))"
  fi
  pgrep -x dockerd >/dev/null || { tail -n 20 "$LOG" >&2 || true; die "dockerd exited; see $LOG"; }
  sleep 1
done
if [ "$lacks_sys_resource" = 1 ]; then
  rt=$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null || true)
  if [ "$rt" != "$RUNTIME_NAME" ] && [ -n "$(pgrep -x dockerd | head -1)" ]; then
    # A dockerd started before daemon.json had the wrapper: runtimes are reloadable on SIGHUP.
    kill -HUP "$(pgrep -x dockerd | head -1)"; sleep 1
    rt=$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null || true)
  fi
  [ "$rt" = "$RUNTIME_NAME" ] || die "dockerd's default runtime is '$rt', expected $RUNTIME_NAME; restart dockerd so it reads $DAEMON_JSON"
fi
say "ready: server $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null), client $(command -v docker) $(docker version --format '{{.Client.Version}} (API {{.Client.APIVersion}})' 2>/dev/null)"
