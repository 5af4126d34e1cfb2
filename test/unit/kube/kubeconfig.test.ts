// Kubeconfig loading through @kubernetes/client-node's KubeConfig: what reaches a request.
import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KubeAccess } from '../../../lib/kube/kubeconfig.js';

const KIND = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://127.0.0.1:40123/
  name: kind-inplace-e2e-dev-1
contexts:
- context:
    cluster: kind-inplace-e2e-dev-1
    user: kind-inplace-e2e-dev-1
  name: kind-inplace-e2e-dev-1
current-context: kind-inplace-e2e-dev-1
kind: Config
users:
- name: kind-inplace-e2e-dev-1
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
`;

/** The message a promise rejects with (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected a rejection');
}

describe('kube/kubeconfig (client-node KubeConfig, only the given file)', () => {
  let dir: string;
  const file = async (name: string, text: string): Promise<string> => {
    const p = path.join(dir, name);
    await mkdir(path.dirname(p), { recursive: true });
    await writeFile(p, text);
    return p;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-kubeconfig-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a kind kubeconfig: server, CA and client certificate from data', async () => {
    const access = await KubeAccess.fromFile(await file('kubeconfig', KIND));
    expect(access.server).to.equal('https://127.0.0.1:40123');
    expect(access.info).to.include({
      context: 'kind-inplace-e2e-dev-1',
      cluster: 'kind-inplace-e2e-dev-1',
      user: 'kind-inplace-e2e-dev-1',
    });
    const o = await access.connectionOptions({ Accept: 'application/json' });
    expect(String(o.ca)).to.equal('CA');
    expect(String(o.cert)).to.equal('CERT');
    expect(String(o.key)).to.equal('KEY');
    expect(o.headers).to.deep.equal({ Accept: 'application/json' });
    expect(o.agent).to.be.an('object');
    access.close();
  });

  it('resolves file references relative to the kubeconfig, takes a named context, and keeps TLS settings', async () => {
    await file('certs/ca.crt', 'CA-FROM-FILE');
    await file('k.key', 'KEY-FROM-FILE');
    await file('c.crt', 'CERT-FROM-FILE');
    const kc = await file(
      'kube/../config',
      `current-context: a
contexts:
- {name: a, context: {cluster: ca, user: ua}}
- {name: b, context: {cluster: cb, user: ub, namespace: team}}
clusters:
- {name: ca, cluster: {server: "https://a"}}
- {name: cb, cluster: {server: "https://b/", certificate-authority: certs/ca.crt, insecure-skip-tls-verify: true, tls-server-name: api.b}}
users:
- {name: ua, user: {token: t}}
- {name: ub, user: {client-certificate: ${path.join(dir, 'c.crt')}, client-key: k.key, username: u, password: p}}
`,
    );
    const access = await KubeAccess.fromFile(kc, 'b');
    expect(access.info).to.deep.equal({
      file: kc,
      context: 'b',
      cluster: 'cb',
      user: 'ub',
      server: 'https://b',
      namespace: 'team',
    });
    const o = await access.connectionOptions();
    expect(String(o.ca)).to.equal('CA-FROM-FILE');
    expect(String(o.cert)).to.equal('CERT-FROM-FILE');
    expect(String(o.key)).to.equal('KEY-FROM-FILE');
    expect(o).to.include({ rejectUnauthorized: false, servername: 'api.b', auth: 'u:p' });
    const a = await (await KubeAccess.fromFile(kc)).connectionOptions();
    expect(a.headers.Authorization).to.equal('Bearer t');
  });

  it('runs an exec credential plugin and sends the token it returns', async () => {
    const plugin = await file(
      'plugin.mjs',
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? '{}');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: 'from-plugin-' + process.env.TEAM + '-' + process.argv[2] + (info.kind ? '-' + info.kind : '') } }));
`,
    );
    await chmod(plugin, 0o755);
    const kc = await file(
      'kubeconfig',
      `current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://c"}}]
users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(plugin)}, one], env: [{name: TEAM, value: dev}], interactiveMode: Never}}}]
`,
    );
    const o = await (await KubeAccess.fromFile(kc)).connectionOptions();
    expect(o.headers.Authorization).to.match(/^Bearer from-plugin-dev-one/);
  });

  it('says which file and context when the context is missing, and never falls back to $KUBECONFIG', async () => {
    const kc = await file('kubeconfig', KIND);
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kc;
    try {
      const other = await file('other', 'current-context: nope\ncontexts: []\nclusters: []\nusers: []\n');
      expect(await failure(KubeAccess.fromFile(other))).to.equal(
        `kubeconfig ${other}: no context named "nope" (it has: none)`,
      );
      expect(await failure(KubeAccess.fromFile(kc, 'b'))).to.match(
        /no context named "b" \(it has: kind-inplace-e2e-dev-1\)/,
      );
      const noCurrent = await file('no-current', 'contexts: []\n');
      expect(await failure(KubeAccess.fromFile(noCurrent))).to.match(/no current-context/);
      expect(await failure(KubeAccess.fromFile(path.join(dir, 'missing')))).to.match(
        /cannot load kubeconfig .*missing: ENOENT/,
      );
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });
});
