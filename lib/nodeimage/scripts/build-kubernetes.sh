#!/usr/bin/env bash
# Builds Kubernetes commands from the k8s.io/kubernetes Go module at a chosen version.
# k8s.io/kubernetes replaces its staging modules with local paths, so `go install` of it fails;
# a throwaway wrapper module that requires it and points every staging module at its
# published v0.X.Y makes the commands buildable.
# usage: build-kubernetes.sh VERSION OUT_DIR WORK_DIR [command...]
#   VERSION: a release (v1.35.8) or any module version, e.g. a pseudo-version for a commit.
# env: KUBERNETES_STAGING_VERSION overrides the staging module version (default v0.X.Y for
#      v1.X.Y; for a commit pass the matching staging pseudo-version or the base release).
# Idempotent: commands whose binary exists in OUT_DIR are skipped; binaries appear atomically.
set -euo pipefail
# shellcheck source=kubernetes-module.sh
. "$(dirname "${BASH_SOURCE[0]}")/kubernetes-module.sh"
version=$1 out=$2 work=$3; shift 3
cmds=("$@")
[ ${#cmds[@]} -gt 0 ] || cmds=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy)
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}

todo=()
for c in "${cmds[@]}"; do [ -x "$out/$c" ] || todo+=("$c"); done
[ ${#todo[@]} -gt 0 ] || { echo "kubernetes $version: all commands present in $out"; exit 0; }

mkdir -p "$work" "$out"
cd "$work"
kubernetes_wrapper_module build-kubernetes.sh inplace-e2e.local/kubernetes-build "$version"
echo "kubernetes $version with staging modules at $staging_version"
for c in "${todo[@]}"; do go get "k8s.io/kubernetes/cmd/$c@$version" >/dev/null 2>&1 || go get "k8s.io/kubernetes/cmd/$c@$version"; done

# Version stamping: kubeadm and node status read these, so the binaries must report the real version.
ld=$(kubernetes_version_ldflags "$version")
for c in "${todo[@]}"; do
  start=$(date +%s)
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ld" -o "$out/.$c.tmp" "k8s.io/kubernetes/cmd/$c"
  mv -f "$out/.$c.tmp" "$out/$c"
  echo "built $c in $(( $(date +%s) - start ))s"
done
