#!/usr/bin/env bash
# Builds the pod sandbox binary `pause` from the C source the k8s.io/kubernetes module ships
# (build/pause/linux/pause.c), statically, as upstream's build/pause Makefile does.
# usage: build-pause.sh KUBERNETES_MODULE_VERSION PAUSE_VERSION OUT_FILE WORK_DIR
# Idempotent: an existing OUT_FILE is kept.
set -euo pipefail
kversion=$1 pversion=$2 out=$3 work=$4
[ -x "$out" ] && { echo "pause: $out exists"; exit 0; }
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}

# -static needs glibc's libc.a (libc6-dev).
if ! command -v gcc >/dev/null || ! ls /usr/lib/*-linux-gnu/libc.a >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null
fi
dir=$(go mod download -json "k8s.io/kubernetes@$kversion" | jq -r '.Dir // empty')
src=$dir/build/pause/linux/pause.c
[ -f "$src" ] || { echo "build-pause.sh: $src not found (k8s.io/kubernetes@$kversion)" >&2; exit 1; }
mkdir -p "$work" "$(dirname "$out")"
# The module cache is read-only: compile a copy.
cp "$src" "$work/pause.c"
chmod u+w "$work/pause.c"
gcc -Os -Wall -Werror -static -DVERSION="v$pversion-inplace-e2e" -o "$work/pause" "$work/pause.c"
strip "$work/pause"
mv -f "$work/pause" "$out"
echo "pause: built $out ($("$out" -v 2>&1 | head -1))"
