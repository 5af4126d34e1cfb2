#!/usr/bin/env bash
# The package exactly as `npm publish` would ship it, used the way a vendor uses it: packed, installed
# into an empty folder, then the CLI on the vendor's own suite folder and the programmatic API judging
# recorded real observations. Offline (no cluster); needs npm and a Node >= 22.19.
#
#   bash test/package/smoke.sh            # from the repository root; exits non-zero on the first miss
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/inplace-e2e-package-XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { echo "package: $*"; }
fail() { echo "package: FAILED: $*" >&2; exit 1; }

say "npm publish --dry-run (what the registry would get)"
(cd "$root" && npm publish --dry-run --ignore-scripts >"$work/publish.log" 2>&1) || { cat "$work/publish.log"; fail "npm publish --dry-run"; }
say "npm pack (runs prepare: a fresh build)"
(cd "$root" && npm pack --pack-destination "$work" >/dev/null 2>"$work/pack.log") || { cat "$work/pack.log"; fail "npm pack"; }
tarball=$(ls "$work"/inplace-e2e-*.tgz)
tar tzf "$tarball" | sed 's|^package/||' | sort >"$work/files.txt"
for want in LICENSE README.md package.json bin/inplace-e2e.js dist/lib/index.js dist/lib/index.d.ts schemas/suite.schema.json schemas/profile.schema.json suites/core.yaml clusters/1.36-defaults.yaml lib/host/node-up.sh; do
  grep -qx "$want" "$work/files.txt" || fail "the tarball lacks $want"
done
if grep -E '^(test|node_modules|\.github|\.ci)/' "$work/files.txt" >/dev/null; then fail "the tarball ships test, CI or node_modules files: $(grep -E '^(test|node_modules|\.github|\.ci)/' "$work/files.txt" | head -3)"; fi
say "$(wc -l <"$work/files.txt") files, $(du -k "$tarball" | cut -f1) KiB"

say "install into an empty folder"
mkdir -p "$work/vendor"
cd "$work/vendor"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
bin=./node_modules/.bin/inplace-e2e
"$bin" version

say "every source map carries its sources"
node --input-type=module -e '
  import { readdirSync, readFileSync } from "node:fs";
  import { join } from "node:path";
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const maps = walk("node_modules/inplace-e2e/dist").filter((f) => f.endsWith(".map"));
  const bare = maps.filter((f) => { const m = JSON.parse(readFileSync(f, "utf8")); return !m.sourcesContent || m.sourcesContent.length !== m.sources.length || m.sourcesContent.some((s) => !s); });
  if (maps.length === 0 || bare.length) { console.error(`${bare.length} of ${maps.length} maps without sources, e.g. ${bare[0]}`); process.exit(1); }
  console.log(`${maps.length} maps, all with sourcesContent`);
'

say "a vendor suite folder of its own"
mkdir -p e2e/restart-suites/pods
sed 's/name: rac-base/name: app/' node_modules/inplace-e2e/suites/pods/base.yaml >e2e/restart-suites/pods/app.yaml
cat >e2e/restart-suites/ours.yaml <<'YAML'
# yaml-language-server: $schema=../../node_modules/inplace-e2e/schemas/suite.schema.json
apiVersion: inplace-e2e.dev/v1alpha1
kind: Suite
name: vendor
scenarios:
- name: vendor-in-place-restart
  requires:
    gates: {RestartAllContainersOnContainerExits: true}
  pod: {file: pods/app.yaml}
  trigger:
    exit: {container: trigger, code: 42}
  expect:
    identity: {uid: preserved, podIP: preserved}
    restarts: {init: 1, sidecar: 1, trigger: 1, bystander: 1}
    final: {phase: Running, ready: true}
YAML
"$bin" validate e2e/restart-suites | tee validate.txt
grep -q '^ok .*ours.yaml: suite vendor, 1 scenario(s)$' validate.txt || fail "validate did not accept the vendor suite"
printf 'apiVersion: inplace-e2e.dev/v1alpha1\nkind: Suite\nname: broken\nscenarios:\n- name: x\n  pod: {file: pods/app.yaml}\n  expect: {restartz: {}}\n' >e2e/restart-suites/broken.yaml
rc=0; "$bin" validate e2e/restart-suites >broken.txt 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "validate of a broken suite exited $rc, expected 2"
grep -q 'broken.yaml:7:' broken.txt || fail "validate did not point at broken.yaml:7: $(cat broken.txt)"
rm e2e/restart-suites/broken.yaml
say "validate: ok for the vendor suite, exit 2 with file:line for a broken one"

"$bin" plan --profile 1.36-defaults e2e/restart-suites >plan.txt
grep -q 'vendor / .*vendor-in-place-restart' plan.txt || fail "plan does not show the vendor scenario"
grep -q 'name: app' plan.txt || fail "plan does not show the vendor pod manifest"
say "plan: kind config, gates and the vendor manifest as sent"
if "$bin" list --help >/dev/null 2>&1; then
  "$bin" list --profile 1.36-defaults e2e/restart-suites >list.txt
  grep -q 'vendor-in-place-restart' list.txt || fail "list does not show the vendor scenario"
  say "list: the vendor scenario"
else
  say "list: this version has no list command (plan covers what would run)"
fi

say "the programmatic API judges recorded real observations"
cp "$root/test/fixtures/observations/real/v1.36.3-R01-core-in-place-restart.json" r01.json
cp "$root/test/fixtures/observations/real/v1.36.3-R12-non-matching-exit-code.json" r12.json
cat >judge.mjs <<'JS'
import { readFileSync } from 'node:fs';
import { validateSuites, judgeRecorded, loadProfile, schemaId, formatProblem, renderHtmlPage } from 'inplace-e2e';

const check = (ok, what) => { if (!ok) { console.error(`API: ${what}`); process.exit(1); } };
const r01 = JSON.parse(readFileSync('r01.json', 'utf8'));
const r12 = JSON.parse(readFileSync('r12.json', 'utf8'));

const shipped = await judgeRecorded(r01);
check(shipped.status === 'passed', `R01 with the shipped suite: ${shipped.status}`);

const ours = await validateSuites(['e2e/restart-suites']);
check(ours.ok, `validateSuites: ${ours.ok ? '' : ours.problems.map(formatProblem).join('; ')}`);
const asOurs = (o) => ({ ...o, suite: 'vendor', scenario: 'vendor-in-place-restart' });
const pass = await judgeRecorded(asOurs(r01), { suites: ['e2e/restart-suites'] });
check(pass.status === 'passed', `the real restart judged with the vendor suite: ${JSON.stringify(pass.checks.filter((c) => !c.passed))}`);
const fail = await judgeRecorded(asOurs(r12), { suites: ['e2e/restart-suites'] });
const failed = fail.checks.filter((c) => !c.passed && !c.soft).map((c) => c.check);
check(fail.status === 'failed' && failed.includes('restarts.trigger'), `a run without restart judged with the vendor suite: ${fail.status} ${failed}`);

const profile = await loadProfile('1.36-defaults');
check(profile.clusterGates.effective.RestartAllContainersOnContainerExits === true, 'profile 1.36-defaults resolves the gate on');
const schema = JSON.parse(readFileSync('node_modules/inplace-e2e/schemas/suite.schema.json', 'utf8'));
check(schema.$id === schemaId('suite'), `suite schema $id ${schema.$id}`);
const html = renderHtmlPage({ title: 't', facts: [], scenarios: [{ observation: r01, verdict: shipped }] });
check(html.includes('<svg') && html.includes('AllContainersRestarting'), 'renderHtmlPage draws the recorded restart');
console.log(`API: R01 ${shipped.status} (shipped suite, ${shipped.checks.length} checks); vendor suite: restart ${pass.status}, no restart ${fail.status} on ${failed.join(', ')}`);
JS
node judge.mjs
say "ok"
