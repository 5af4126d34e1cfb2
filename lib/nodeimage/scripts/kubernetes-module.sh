# Sourced, not run: what build-kubernetes.sh (the node image's commands) and certify's build-e2e-test.sh
# (upstream's e2e.test) share. k8s.io/kubernetes replaces its staging modules with local paths, so nothing
# in it builds as a dependency; a throwaway wrapper module that requires it and points every staging module
# at its published v0.X.Y does. Callers set -euo pipefail and export GOWORK=off GOFLAGS=-mod=mod.

# kubernetes_wrapper_module WHO MODULE_NAME VERSION: writes go.mod (and an empty go.sum) into the current
# directory. Sets kubernetes_info (go mod download -json of k8s.io/kubernetes@VERSION) and staging_version.
# env: KUBERNETES_STAGING_VERSION overrides the staging version (default v0.X.Y for v1.X.Y; pre-release
# suffixes carry over; for a commit pass the matching staging pseudo-version or the base release).
kubernetes_wrapper_module() {
  local who=$1 name=$2 version=$3 modfile
  kubernetes_info=$(go mod download -json "k8s.io/kubernetes@$version") \
    || { echo "$who: cannot download k8s.io/kubernetes@$version through the module proxy" >&2; return 1; }
  modfile=$(jq -r '.GoMod // empty' <<<"$kubernetes_info")
  [ -f "$modfile" ] || { echo "$who: no go.mod for k8s.io/kubernetes@$version" >&2; return 1; }
  staging_version=${KUBERNETES_STAGING_VERSION:-v0.${version#v1.}}
  {
    echo "module $name"
    # GODEBUG defaults follow the main module's go line: keep kubernetes' own.
    grep -E '^(go|godebug) ' "$modfile"
    echo "require k8s.io/kubernetes $version"
    echo "replace ("
    grep -E '^\s*k8s.io/[a-z0-9-]+ => \./staging/' "$modfile" | awk -v v="$staging_version" '{print "\t" $1 " => " $1 " " v}'
    echo ")"
  } > go.mod
  [ -f go.sum ] || touch go.sum
}

# kubernetes_version_ldflags VERSION: the -X flags that make the binaries report VERSION (kubeadm, node
# status and e2e.test read them). Needs kubernetes_info from kubernetes_wrapper_module.
kubernetes_version_ldflags() {
  local version=$1 minor commit info_time build_date ld="" pkg
  minor=$(echo "$version" | cut -d. -f2)
  # The proxy gives no commit for a tag; a pseudo-version carries its 12-digit prefix.
  commit=$(sed -nE 's/.*[.-][0-9]{14}-([0-9a-f]{12})$/\1/p' <<<"$version")
  commit=${commit:-0000000000000000000000000000000000000000}
  # Build date: the module's publication time (reproducible, unlike "now"), unless SOURCE_DATE_EPOCH is set.
  info_time=$(jq -r '.Info // empty' <<<"$kubernetes_info" | xargs -r jq -r '.Time // empty' 2>/dev/null || true)
  build_date=${SOURCE_DATE_EPOCH:+$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)}
  build_date=${build_date:-${info_time:-1970-01-01T00:00:00Z}}
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitCommit=$commit -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
  done
  echo "$ld"
}
