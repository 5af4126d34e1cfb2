// summary.md of a certify run: one column per image side by side, then each image's reasons, differences
// from its reference, upstream's specs beside the harness, and node facts. Pure.
import { formatDifference } from './reference.js';
import type { CertifiedImage } from './result.js';
import type { RunFacts } from './types.js';

const KEY_GATES = ['RestartAllContainersOnContainerExits', 'ContainerRestartRules', 'NodeDeclaredFeatures'];

function runCell(r: RunFacts): string {
  const count = (s: string) => r.scenarios.filter((x) => x.status === s).length;
  const ran = r.scenarios.length - count('skipped');
  const parts = [`${count('passed') + count('expected-failure')}/${ran} passed`];
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  if (r.error) parts.push(`stopped: ${r.error.split(':')[0]}`);
  return `${r.end === 'passed' ? '✅' : '❌'} ${parts.join(', ')}`;
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function gateCell(img: CertifiedImage, gate: string): string {
  const f = img.nodeFacts[0];
  if (!f) return '?';
  const show = (component: string) => {
    const v = f.featureGates[component]?.gates[gate];
    return v === undefined ? '–' : v ? 'on' : 'off';
  };
  return `apiserver ${show('kube-apiserver')}, kubelet ${show('kubelet')}`;
}

export function buildCertifySummary(
  images: CertifiedImage[],
  meta: { harness: { name: string; version: string }; createdAt: string },
): string {
  const lines: string[] = [];
  const all = images.every((i) => i.certified);
  lines.push(`# inplace-e2e certify: ${all ? '✅ every image certified' : '❌ not every image certified'}`, '');
  lines.push(
    `${meta.harness.name} ${meta.harness.version}, ${meta.createdAt}. Pass/fail is the catalogue, the gate-off control and upstream's e2e.test on the image; differences from this project's reference of the same minor are listed apart and do not decide it.`,
    '',
  );
  const row = (label: string, cell: (i: CertifiedImage) => string) =>
    lines.push(`| ${label} | ${images.map((i) => esc(cell(i))).join(' | ')} |`);
  lines.push(`| | ${images.map((i) => `\`${i.image}\``).join(' | ')} |`);
  lines.push(`| --- | ${images.map(() => '---').join(' | ')} |`);
  row('verdict', (i) =>
    i.certified ? '✅ certified' : `❌ not certified (${i.reasons.length} reason${i.reasons.length === 1 ? '' : 's'})`,
  );
  row('Kubernetes', (i) => i.version.version);
  row('profile / control', (i) => `${i.verdicts.harness.profile} / ${i.verdicts.control.profile}`);
  row('catalogue', (i) => runCell(i.verdicts.harness));
  row('gate-off control', (i) => runCell(i.verdicts.control));
  row('upstream e2e.test', (i) => {
    const u = i.verdicts.upstream;
    if (!u) return 'not run';
    const passed = u.specs.filter((s) => s.state === 'passed').length;
    return `${u.error || passed !== u.specs.length ? '❌' : '✅'} ${passed}/${u.specs.length} specs passed${u.error ? ` (${u.error.slice(0, 60)})` : ''}`;
  });
  row('upstream vs harness', (i) =>
    i.agreement.length === 0
      ? '–'
      : i.agreement.every((a) => a.agree)
        ? 'agree'
        : `DISAGREE on ${i.agreement
            .filter((a) => !a.agree)
            .map((a) => a.area)
            .join(', ')}`,
  );
  row('vs reference', (i) =>
    'missing' in i.reference
      ? `no reference (${i.reference.missing})`
      : i.differences.length === 0
        ? `same as the ${i.reference.minor} reference`
        : `${i.differences.length} difference(s) from the ${i.reference.minor} reference`,
  );
  row('kubelet', (i) => i.nodeFacts.map((f) => f.versions.kubelet ?? '?').join(', '));
  row('containerd', (i) => i.nodeFacts.map((f) => f.versions.containerd ?? '?').join(', '));
  row('runc', (i) => i.nodeFacts.map((f) => f.versions.runc ?? '?').join(', '));
  row('crictl', (i) => i.nodeFacts.map((f) => f.versions.crictl ?? '?').join(', '));
  row('kernel', (i) => i.nodeFacts.map((f) => f.versions.kernel ?? '?').join(', '));
  row('cgroup (version, kubelet driver)', (i) =>
    i.nodeFacts.map((f) => `${f.cgroup.version ?? '?'}, ${f.cgroup.kubeletDriver ?? '?'}`).join('; '),
  );
  for (const g of KEY_GATES) row(g, (i) => gateCell(i, g));
  row('status.declaredFeatures', (i) =>
    i.nodeFacts.map((f) => (f.declaredFeatures ? f.declaredFeatures.join(', ') || '(empty)' : '(absent)')).join('; '),
  );
  row('image id', (i) => i.imageFacts.id.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1…'));
  lines.push('');

  for (const i of images) {
    lines.push(
      `## \`${i.image}\` (Kubernetes ${i.version.version}): ${i.certified ? '✅ certified' : '❌ not certified'}`,
      '',
    );
    if (i.reasons.length) {
      lines.push('Why not:', '');
      for (const r of i.reasons) lines.push(`- ${r}`);
      lines.push('');
    }
    if ('missing' in i.reference) lines.push(`No reference compared: ${i.reference.missing}.`, '');
    else if (i.differences.length === 0)
      lines.push(
        `Behaves as the ${i.reference.minor} reference (\`${i.reference.image}\`, made ${i.reference.generatedAt}) on every scenario, check and upstream spec.`,
        '',
      );
    else {
      lines.push(
        `Differences from the ${i.reference.minor} reference (\`${i.reference.image}\`, made ${i.reference.generatedAt}); these are not pass/fail:`,
        '',
      );
      for (const d of i.differences.slice(0, 60)) lines.push(`- ${esc(formatDifference(i.reference.minor, d))}`);
      if (i.differences.length > 60) lines.push(`- … ${i.differences.length - 60} more in report.json`);
      lines.push('');
    }
    const u = i.verdicts.upstream;
    if (u) {
      lines.push(
        `Upstream e2e.test ${u.version} (\`--ginkgo.focus '${u.focus}'\`, ${u.seconds}s) beside the harness:`,
        '',
      );
      for (const a of i.agreement) lines.push(`- ${esc(a.text)}`);
      lines.push('', '| upstream spec | result | seconds |', '| --- | --- | --- |');
      for (const s of u.specs)
        lines.push(
          `| ${esc(s.name)} | ${s.state === 'passed' ? '✅' : '❌'} ${s.state}${s.failure ? `: ${esc(s.failure.split('\n')[0]!.slice(0, 100))}` : ''} | ${s.seconds} |`,
        );
      lines.push('');
    }
    for (const f of i.nodeFacts) {
      const errs = f.errors.length ? ` Not read: ${f.errors.join('; ')}.` : '';
      lines.push(
        `Node \`${f.node}\`: ${f.versions.os ?? 'OS ?'}; containerRuntimeVersion ${f.containerRuntimeVersion ?? '?'}; containerd SystemdCgroup ${f.cgroup.containerdSystemdCgroup ?? '?'}.${errs} Every gate each component reports is in node-facts.json.`,
        '',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
