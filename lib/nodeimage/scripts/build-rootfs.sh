#!/usr/bin/env bash
# Builds the Debian base root filesystem of the node image with debootstrap (no registry:
# only Debian's package archive) and stores it as a tarball.
# usage: build-rootfs.sh SUITE OUT_TAR PACKAGE...
# Idempotent: an existing OUT_TAR is kept (the caller keys its name on suite + packages).
set -euo pipefail
suite=$1 out=$2; shift 2
[ $# -gt 0 ] || { echo "build-rootfs.sh: no packages given" >&2; exit 2; }
[ -s "$out" ] && { echo "rootfs: $out exists"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "build-rootfs.sh: must run as root (debootstrap)" >&2; exit 1; }

if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # Use the Debian mirror this host's apt already reaches (works behind the same package proxy);
  # only URIs ending in /debian are Debian's main archive (not security, not third-party repos).
  mirror=$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | head -1 | tr -d ' ' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/.rootfs.XXXXXX")
# --one-file-system: never descend into a /proc or /sys that debootstrap left mounted
trap 'umount -R "$work/root/proc" "$work/root/sys" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
include=$(IFS=,; echo "$*")
echo "rootfs: debootstrap --variant=minbase $suite from $mirror"
debootstrap --variant=minbase --include="$include" "$suite" "$work/root" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; echo "build-rootfs.sh: debootstrap failed" >&2; exit 1; }
# Nothing in the node needs apt's caches; they only make the image larger.
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* "$work/root/var/log/"*.log
tar --numeric-owner --xattrs -C "$work/root" -cf "$out.tmp" .
mv -f "$out.tmp" "$out"
echo "rootfs: wrote $out ($(du -h "$out" | cut -f1))"
