#!/usr/bin/env bash
# Makes the node's rootfs for Kubernetes minors that need containerd 2.x: Debian's rootfs tarball
# with containerd's commands replaced by ones built from the Go module (build-gomod.sh). kind's
# units and assemble-node.sh find them where Debian put its own (/usr/bin, linked from
# /usr/local/bin). Debian's runc (/usr/sbin/runc, built with seccomp) is kept.
# usage: rootfs-containerd.sh ROOTFS_TAR OUT_TAR VERSION BINARY...
#   BINARY: containerd, ctr, containerd-shim-runc-v2 (installed to /usr/bin/<basename>)
# Idempotent: an existing OUT_TAR is kept (the caller keys its name on the versions).
set -euo pipefail
in=$1 out=$2 version=$3; shift 3
die() { echo "rootfs-containerd.sh: $*" >&2; exit 1; }
[ $# -gt 0 ] || die "no binaries given"
[ -s "$out" ] && { echo "rootfs: $out exists"; exit 0; }
[ "$(id -u)" = 0 ] || die "must run as root (the rootfs keeps numeric owners)"
[ -s "$in" ] || die "rootfs tarball $in missing"
for b in "$@"; do [ -x "$b" ] || die "missing $b"; done

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/.rootfs-containerd.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
mkdir "$work/root"
tar --numeric-owner --xattrs -xf "$in" -C "$work/root"
[ -x "$work/root/usr/bin/containerd" ] || die "$in has no /usr/bin/containerd (Debian package containerd)"
before=$(chroot "$work/root" /usr/bin/containerd --version)
for b in "$@"; do install -m 0755 "$b" "$work/root/usr/bin/$(basename "$b")"; done
# Shims containerd 2.x no longer has (Debian's 1.6 package ships them); nothing should find them.
rm -f "$work/root/usr/bin/containerd-shim" "$work/root/usr/bin/containerd-shim-runc-v1"
after=$(chroot "$work/root" /usr/bin/containerd --version)
grep -qF " $version" <<<"$after" || die "containerd --version printed \"$after\", expected $version"
echo "rootfs: $before -> $after (runc: $(chroot "$work/root" /usr/sbin/runc --version | head -1))"
tar --numeric-owner --xattrs -C "$work/root" -cf "$out.tmp" .
mv -f "$out.tmp" "$out"
echo "rootfs: wrote $out ($(du -h "$out" | cut -f1))"
