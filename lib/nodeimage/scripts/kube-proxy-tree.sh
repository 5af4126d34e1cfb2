#!/usr/bin/env bash
# Lays out the file tree of a minimal kube-proxy image: the kube-proxy binary plus Debian's
# iptables (legacy and nft backends, their shared libraries and xtables extensions) taken from
# the node's own rootfs tarball, so node and kube-proxy run the same iptables build, and a
# wrapper that picks the backend the node uses (as upstream's iptables-wrapper does).
# usage: kube-proxy-tree.sh ROOTFS_TAR KUBE_PROXY_BIN OUT_DIR
set -euo pipefail
tarball=$1 kproxy=$2 out=$3
die() { echo "kube-proxy-tree.sh: $*" >&2; exit 1; }
[ -s "$tarball" ] || die "rootfs $tarball missing"
[ -x "$kproxy" ] || die "kube-proxy binary $kproxy missing"
rm -rf "$out"; mkdir -p "$out"
src=$(mktemp -d); trap 'rm -rf "$src"' EXIT
tar --numeric-owner -xf "$tarball" -C "$src"
multiarch=""
for d in "$src"/usr/lib/*-linux-gnu; do [ -d "$d/xtables" ] && { multiarch=${d##*/}; break; }; done
[ -n "$multiarch" ] || die "rootfs has no /usr/lib/<multiarch>/xtables (package iptables)"
xt=/usr/lib/$multiarch/xtables
bins=(/usr/sbin/xtables-nft-multi /usr/sbin/xtables-legacy-multi /usr/bin/dash)
for b in "${bins[@]}"; do [ -x "$src$b" ] || die "rootfs has no $b"; done
[ -d "$src$xt" ] || die "rootfs has no $xt"

put() { # copy a file of the rootfs (dereferenced) to the same path in the tree
  [ -e "$out$1" ] || install -D -m 0755 "$(readlink -f "$src$1")" "$out$1"
}
# Libraries as resolved by the rootfs's own ldd (chroot), so no host library leaks in.
{
  for b in "${bins[@]}"; do echo "$b"; chroot "$src" ldd "$b"; done
  for so in "$src$xt"/*.so; do chroot "$src" ldd "$xt/${so##*/}" 2>/dev/null || true; done
} | grep -oE '/[^ ()]+' | sort -u | while read -r f; do put "$f"; done
mkdir -p "$out$xt"; cp -a "$src$xt/." "$out$xt/"
for f in /etc/protocols /etc/ethertypes; do [ -f "$src$f" ] && install -D -m 0644 "$src$f" "$out$f"; done
ln -s /usr/bin/dash "$out/usr/bin/sh"
mkdir -p "$out/bin" && ln -s /usr/bin/dash "$out/bin/sh"

cat > "$out/usr/sbin/iptables-wrapper" <<'EOF'
#!/bin/sh
# Runs iptables with the backend (nft or legacy) that already holds this network namespace's
# rules, so kube-proxy and the node (kind's entrypoint makes the same choice) agree.
mode_file=/tmp/.iptables-mode
if [ -r "$mode_file" ]; then read -r mode < "$mode_file"; else
  count() { n=0; while read -r line; do case "$line" in -*) n=$((n + 1));; esac; done; echo $n; }
  legacy=$( { /usr/sbin/xtables-legacy-multi iptables-save; /usr/sbin/xtables-legacy-multi ip6tables-save; } 2>/dev/null | count)
  nft=$( { /usr/sbin/xtables-nft-multi iptables-save; /usr/sbin/xtables-nft-multi ip6tables-save; } 2>/dev/null | count)
  # Same rule as kind's entrypoint (select_iptables): ties go to legacy.
  if [ "$legacy" -ge "$nft" ]; then mode=legacy; else mode=nft; fi
  echo "$mode" > "$mode_file" 2>/dev/null || true
fi
exec "/usr/sbin/xtables-$mode-multi" "${0##*/}" "$@"
EOF
chmod 0755 "$out/usr/sbin/iptables-wrapper"
for n in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
  ln -s iptables-wrapper "$out/usr/sbin/$n"
done
install -D -m 0755 "$kproxy" "$out/usr/local/bin/kube-proxy"
install -d -m 1777 "$out/tmp"
echo "kube-proxy tree: $(du -sh "$out" | cut -f1)"
