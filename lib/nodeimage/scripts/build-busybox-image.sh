#!/usr/bin/env bash
# Builds the scenario image the suites use (registry.k8s.io/e2e-test-images/busybox:...) from
# Debian's busybox-static package: the static binary plus one symlink per applet, so
# `sh -c '...'`, `sleep`, `date`, `readlink` ... resolve as in the upstream image.
# usage: build-busybox-image.sh REF WORK_DIR [CACHE_KEY]
#   CACHE_KEY becomes the io.inplace-e2e.cache-key label (the TypeScript build checks it).
set -euo pipefail
ref=$1 work=$2 key=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work"
rm -rf pkg root && mkdir -p pkg root
# apt-get download needs no install on this host and takes Debian's current candidate.
if ! apt-get download busybox-static >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  apt-get download busybox-static >/dev/null
fi
deb=$(ls -t busybox-static_*.deb | head -1)
dpkg-deb -x "$deb" pkg
bb=pkg/bin/busybox
[ -x "$bb" ] || { echo "build-busybox-image.sh: $deb has no bin/busybox" >&2; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
args=(--file "$bb:/bin/busybox")
for applet in $("$bb" --list-full); do
  [ "$applet" = bin/busybox ] && continue
  args+=(--symlink "/bin/busybox:/$applet")
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > passwd
printf 'root:x:0:\nnogroup:x:65534:\n' > group
args+=(--file passwd:/etc/passwd:0644 --file group:/etc/group:0644 --mkdir /tmp:1777 --mkdir /root:0700)
"$here/import-image.sh" "$ref" "${args[@]}" \
  --change 'CMD ["sh"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "LABEL io.inplace-e2e.source=debian-busybox-static-$version" \
  ${key:+--change "LABEL io.inplace-e2e.cache-key=$key"}
rm -f busybox-static_*.deb
