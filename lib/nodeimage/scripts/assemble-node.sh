#!/usr/bin/env bash
# Assembles a kind node image without any registry (the layers kind's own node images have; README.md here):
#   Debian rootfs tarball + kind's base-image files (read from the kind Go module at build time)
#   + Kubernetes/crictl/CNI binaries + inplace-e2e files  -> `docker import`  -> build container
#   in which the node's own containerd imports the control-plane image tarballs into its k8s.io
#   namespace -> `docker commit` with kind's ENTRYPOINT/ENV/STOPSIGNAL.
# usage: assemble-node.sh REF --rootfs TAR --kind-dir DIR --kube-bin DIR --crictl FILE
#                         --cni-bin DIR --images DIR --version VERSION --files DIR --work DIR
#   --kind-dir  root of the sigs.k8s.io/kind module (go mod download -json ... | .Dir)
#   --images    directory of `docker save` tarballs to import into the node's containerd
#   --files     this repository's lib/nodeimage/files (overlaid last)
#   --cache-key optional; becomes the io.inplace-e2e.cache-key label (checked by the TypeScript build)
set -euo pipefail
ref=$1; shift
declare -A o=()
while [ $# -gt 0 ]; do [ $# -ge 2 ] || { echo "assemble-node.sh: $1 needs a value" >&2; exit 2; }; o[${1#--}]=$2; shift 2; done
for k in rootfs kind-dir kube-bin crictl cni-bin images version files work; do
  [ -n "${o[$k]:-}" ] || { echo "assemble-node.sh: --$k is required" >&2; exit 2; }
done
die() { echo "assemble-node.sh ($ref): $*" >&2; exit 1; }
base=${o[kind-dir]}/images/base/files
[ -d "$base" ] || die "kind base-image files not found at $base"
[ -s "${o[rootfs]}" ] || die "rootfs tarball ${o[rootfs]} missing"

work=${o[work]}
mkdir -p "$work"
root=$work/root
rm -rf "$root"; mkdir -p "$root"
build_ref="inplace-e2e/node-build:$$"
build_ctr="inplace-e2e-nodebuild-$$"
cleanup() {
  docker rm -f "$build_ctr" >/dev/null 2>&1 || true
  docker rmi "$build_ref" "$build_ref-committed" >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT

step() { echo "node: $*"; }
step "unpacking $(basename "${o[rootfs]}")"
tar --numeric-owner -xf "${o[rootfs]}" -C "$root"

# --- kind base-image files, with the modes kind's Dockerfile gives them ------------------------
# (module zips carry no execute bits; never copy these files into the repository)
step "kind base files from ${o[kind-dir]}"
install -d -m 0755 "$root/kind" "$root/kind/bin" "$root/LICENSES"
( cd "$base" && find . -type f ) | while read -r f; do
  f=${f#./}
  case "$f" in
    usr/local/bin/*|kind/bin/*) mode=0755 ;;
    *) mode=0644 ;;
  esac
  install -D -m "$mode" "$base/$f" "$root/$f"
done
cfg=$root/etc/containerd/config.toml
grep -q 'restrict_oom_score_adj = false' "$cfg" || die "kind's containerd config has no 'restrict_oom_score_adj = false' line to flip"
# Hosts without CAP_SYS_RESOURCE cannot lower oom_score_adj below 0; containerd then clamps
# instead of failing every sandbox start (ci-host.md). Harmless where the capability exists.
sed -i 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' "$cfg"

# --- containerd/runc from Debian, where kind's units expect them -------------------------------
for b in containerd ctr containerd-shim-runc-v2; do
  [ -x "$root/usr/bin/$b" ] || die "Debian rootfs lacks /usr/bin/$b (package containerd)"
  ln -sfn "/usr/bin/$b" "$root/usr/local/bin/$b"
done
[ -x "$root/usr/sbin/runc" ] || die "Debian rootfs lacks /usr/sbin/runc"
# cri-base.json is generated, not shipped: default OCI spec + kind's createContainer hook.
chroot "$root" /usr/bin/ctr oci spec \
  | jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
  | jq 'del(.process.rlimits)' > "$root/etc/containerd/cri-base.json"
jq -e '.hooks.createContainer[0].path' "$root/etc/containerd/cri-base.json" >/dev/null || die "cri-base.json generation failed"

# --- systemd state as kind's base image leaves it ----------------------------------------------
step "systemd units"
find "$root/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
rm -f "$root"/lib/systemd/system/multi-user.target.wants/* "$root"/etc/systemd/system/*.wants/* \
      "$root"/lib/systemd/system/local-fs.target.wants/* "$root"/lib/systemd/system/sockets.target.wants/*udev* \
      "$root"/lib/systemd/system/sockets.target.wants/*initctl* "$root"/lib/systemd/system/basic.target.wants/*
grep -q '^ReadKMsg=no' "$root/etc/systemd/journald.conf" || echo "ReadKMsg=no" >> "$root/etc/systemd/journald.conf"
[ -e "$root/sbin/init" ] || ln -s /usr/lib/systemd/systemd "$root/sbin/init"
chroot "$root" systemctl enable kubelet.service containerd.service undo-mount-hacks.service >/dev/null 2>&1
chroot "$root" systemctl mask systemd-binfmt.service >/dev/null 2>&1
[ -L "$root/etc/systemd/system/multi-user.target.wants/kubelet.service" ] || die "systemctl enable kubelet.service had no effect"

# --- binaries ----------------------------------------------------------------------------------
step "binaries"
for b in kubeadm kubelet kubectl; do
  [ -x "${o[kube-bin]}/$b" ] || die "missing ${o[kube-bin]}/$b"
  install -m 0755 "${o[kube-bin]}/$b" "$root/usr/bin/$b"
done
install -m 0755 "${o[crictl]}" "$root/usr/local/bin/crictl"
install -d -m 0755 "$root/opt/cni/bin"
for p in "${o[cni-bin]}"/*; do install -m 0755 "$p" "$root/opt/cni/bin/"; done
install -d -m 0755 "$root/etc/kubernetes/manifests" "$root/kind/manifests"
echo "${o[version]}" > "$root/kind/version"

# --- this project's files (static CNI, manifests) ----------------------------------------------
( cd "${o[files]}" && find . -type f ) | while read -r f; do
  f=${f#./}
  if [ -x "${o[files]}/$f" ]; then mode=0755; else mode=0644; fi
  install -D -m "$mode" "${o[files]}/$f" "$root/$f"
done

# --- image 1: the filesystem -------------------------------------------------------------------
step "docker import"
tar --numeric-owner -C "$root" -c . | docker import - "$build_ref" >/dev/null
rm -rf "$root"

# --- image 2: + control-plane images in containerd's k8s.io namespace --------------------------
# No /var volume here, or docker commit would miss /var/lib/containerd.
step "importing images into the node's containerd"
# (no --label: container labels would end up in the committed image)
docker run -d --privileged --name "$build_ctr" \
  --entrypoint /bin/sleep "$build_ref" infinity >/dev/null
docker exec "$build_ctr" mkdir -p /root/images
for t in "${o[images]}"/*.tar; do docker cp "$t" "$build_ctr:/root/images/"; done
docker exec -i "$build_ctr" bash -euo pipefail <<'EOS'
# CRI disabled: only the content/image store is needed; the CRI plugin unpacks lazily at run time.
printf 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n' > /root/import.toml
containerd --config /root/import.toml > /root/containerd.log 2>&1 &
pid=$!
for i in $(seq 1 60); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && break; sleep 0.5; done
ctr version >/dev/null || { cat /root/containerd.log; exit 1; }
for t in /root/images/*.tar; do
  ctr --namespace=k8s.io images import --all-platforms --no-unpack "$t" >/dev/null
done
ctr --namespace=k8s.io images ls -q
kill "$pid"; wait "$pid" || true
rm -rf /root/images /root/import.toml /root/containerd.log /run/containerd /var/lib/containerd/tmpmounts
EOS
step "docker commit"
# docker commit cannot set STOPSIGNAL, so the image metadata comes from a one-step Dockerfile
# on top of the committed container (legacy builder: no BuildKit needed, nothing pulled).
previous=$(docker image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
docker commit "$build_ctr" "$build_ref-committed" >/dev/null
DOCKER_BUILDKIT=0 docker build -q -t "$ref" - >/dev/null 2>"$work/build.err" <<EOF || { cat "$work/build.err" >&2; die "docker build of the final image failed"; }
FROM $build_ref-committed
ENV container=docker
STOPSIGNAL SIGRTMIN+3
LABEL io.inplace-e2e.kubernetes-version="${o[version]}" io.inplace-e2e.cache-key="${o[cache-key]:-}"
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
CMD []
EOF
docker rmi "$build_ref-committed" >/dev/null
# A rebuild leaves the replaced image dangling; drop it (fails harmlessly while a node uses it).
[ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$ref")" ] \
  && docker rmi "$previous" >/dev/null 2>&1 || true
step "built $ref ($(docker image inspect -f '{{.Size}}' "$ref" | numfmt --to=iec)B)"
