#!/usr/bin/env bash
# The three controls of one Kubernetes minor, each on its own real kind cluster, side by side (they have no
# latency bounds another cluster's load could break): <minor>-rules-off (ContainerRestartRules off: the
# rules dropped, pods accepted, nothing restarts in place) in the background, 8 at a time (it mostly holds
# pods and watches), while <minor>-gates-off (the API server refuses every positive pod) and then
# <minor>-mixed-nodes (a worker whose kubelet lacks the gate: scheduling, kubelet admission, R24) run.
# .ci/run runs it for 1.35; for 1.36 and 1.37 it is the documented command (README, "Measured figures"):
#
#   bash test/e2e/controls.sh 1.36      # from a clone after npm ci; builds the minor's node image if absent
#
# Reports go to reports/<profile>/, the rules-off output to reports/logs/. Exits 0 only when all three passed.
set -euo pipefail
cd "$(dirname "$0")/../.."
minor=${1:?usage: controls.sh MINOR (1.35, 1.36 or 1.37)}
PARALLEL=${INPLACE_E2E_PARALLEL:-4}
# The rules-off control holds each pod 20 s to see that nothing restarts: idle time, so twice as many. Not
# more: at 16, with the other controls and the self-check beside it on two cores, pods took up to 2 min to
# start (26 s from Created to Started) and one missed its 120 s readiness deadline (CI, 2026-12-02 00:44).
QUIET_PARALLEL=${INPLACE_E2E_QUIET_PARALLEL:-8}
mkdir -p reports/logs
node bin/inplace-e2e.js setup --profile "$minor-gates-off" --local-image
run() { node bin/inplace-e2e.js run --local-image "$@"; }
timed() { local name=$1 t=$(date +%s) rc=0; shift; "$@" || rc=$?; echo "time $name: $(( $(date +%s) - t ))s, exit $rc"; return $rc; }

log=reports/logs/control-rules-off-$minor.log
timed "control-rules-off-$minor" run --control --profile "$minor-rules-off" --parallel "$QUIET_PARALLEL" \
  --report-dir "reports/$minor-rules-off" >"$log" 2>&1 &
rules=$!
# Stopped with the rest (SIGTERM: the run deletes its own cluster, as on Ctrl-C).
trap 'pkill -TERM -P "$rules" 2>/dev/null || true; wait' EXIT
rc=0
timed "control-gates-off-$minor" run --control --profile "$minor-gates-off" --parallel "$PARALLEL" --report-dir "reports/$minor-gates-off" || rc=1
timed "control-mixed-nodes-$minor" run node-features --profile "$minor-mixed-nodes" --parallel "$PARALLEL" --report-dir "reports/$minor-mixed-nodes" || rc=1
wait "$rules" || rc=1
trap - EXIT
echo "--- control-rules-off-$minor (ran side by side; its output:)"
cat "$log"
exit $rc
