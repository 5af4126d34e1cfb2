#!/usr/bin/env bash
# Makes a local Docker image from files on this machine, with no registry and no base image:
# the files are laid out in a fresh directory tree, which `docker import` turns into a
# one-layer image.
# usage: import-image.sh REF [--tag REF2]... [--file SRC:DEST[:MODE]]... [--dir SRC:DEST]...
#                            [--symlink TARGET:LINK]... [--mkdir DIR[:MODE]]... [--change 'INSTR']...
#                            [--save TARBALL]
#   --file     copies one file (dereferenced) to DEST inside the image (default mode 0755)
#   --dir      copies a directory tree to DEST
#   --symlink  creates LINK -> TARGET inside the image
#   --change   Dockerfile instruction applied by `docker import` (ENTRYPOINT, ENV, USER, ...)
#   --save     also writes `docker save` of REF and every --tag to TARBALL (for ctr import)
# Always rebuilds REF (callers decide about caching).
set -euo pipefail
ref=$1; shift
tags=() changes=() save=""
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
die() { echo "import-image.sh ($ref): $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  opt=$1 val=${2:-}; [ $# -ge 2 ] || die "$opt needs a value"; shift 2
  case "$opt" in
    --tag) tags+=("$val") ;;
    --file)
      IFS=: read -r src dest mode <<<"$val"
      [ -f "$src" ] || die "missing file $src"
      install -D -m "${mode:-0755}" "$src" "$root/${dest#/}" ;;
    --dir)
      IFS=: read -r src dest <<<"$val"
      [ -d "$src" ] || die "missing directory $src"
      mkdir -p "$root/${dest#/}"; cp -a "$src/." "$root/${dest#/}/" ;;
    --symlink)
      IFS=: read -r target link <<<"$val"
      mkdir -p "$(dirname "$root/${link#/}")"; ln -sfn "$target" "$root/${link#/}" ;;
    --mkdir)
      IFS=: read -r d mode <<<"$val"
      install -d -m "${mode:-0755}" "$root/${d#/}" ;;
    --change) changes+=(--change "$val") ;;
    --save) save=$val ;;
    *) die "unknown option $opt" ;;
  esac
done
previous=$(docker image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
tar --numeric-owner --owner=0 --group=0 -C "$root" -c . \
  | docker import "${changes[@]}" --message "inplace-e2e import-image.sh" - "$ref" >/dev/null
for t in "${tags[@]}"; do docker tag "$ref" "$t"; done
# A rebuild leaves the replaced image dangling; drop it (fails harmlessly while still in use).
[ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$ref")" ] \
  && docker rmi "$previous" >/dev/null 2>&1 || true
if [ -n "$save" ]; then
  mkdir -p "$(dirname "$save")"
  docker save -o "$save.tmp" "$ref" "${tags[@]}"
  mv -f "$save.tmp" "$save"
fi
echo "image: $ref${tags[*]:+ (also ${tags[*]})} $(docker image inspect -f '{{.Size}}' "$ref" | numfmt --to=iec)B"
