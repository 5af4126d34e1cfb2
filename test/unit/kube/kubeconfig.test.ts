import { expect } from 'chai';
import { parseKubeconfig } from '../../../lib/kube/kubeconfig.js';

const KIND = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://127.0.0.1:40123
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

describe('kube/kubeconfig (own loader: only the given file)', () => {
  it('reads a kind kubeconfig: server, CA and client certificate from data', () => {
    const k = parseKubeconfig(KIND, '/c/kubeconfig');
    expect(k.server).to.equal('https://127.0.0.1:40123');
    expect(k.context).to.equal('kind-inplace-e2e-dev-1');
    expect(k.ca?.toString()).to.equal('CA');
    expect(k.cert?.toString()).to.equal('CERT');
    expect(k.key?.toString()).to.equal('KEY');
  });

  it('resolves file references relative to the kubeconfig and takes a named context', () => {
    const text = `current-context: a
contexts:
- {name: a, context: {cluster: ca, user: ua}}
- {name: b, context: {cluster: cb, user: ub, namespace: team}}
clusters:
- {name: ca, cluster: {server: "https://a"}}
- {name: cb, cluster: {server: "https://b/", certificate-authority: certs/ca.crt, insecure-skip-tls-verify: true, tls-server-name: api.b}}
users:
- {name: ua, user: {token: t}}
- {name: ub, user: {client-certificate: /abs/c.crt, client-key: k.key, tokenFile: tok}}
`;
    const read: string[] = [];
    const k = parseKubeconfig(text, '/home/u/.kube/config', 'b', (p) => {
      read.push(p);
      return Buffer.from(p);
    });
    expect(k).to.include({ server: 'https://b', context: 'b', namespace: 'team', insecureSkipTLSVerify: true, tlsServerName: 'api.b', tokenFile: '/home/u/.kube/tok' });
    expect(read).to.deep.equal(['/home/u/.kube/certs/ca.crt', '/abs/c.crt', '/home/u/.kube/k.key']);
  });

  it('reads exec credential plugins and refuses legacy auth providers and proxies with the reason', () => {
    const exec = parseKubeconfig(
      `current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://c"}}]
users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token], env: [{name: AWS_PROFILE, value: dev}]}}}]
`,
      '/k',
    );
    expect(exec.exec).to.deep.equal({ command: 'aws', args: ['eks', 'get-token'], env: { AWS_PROFILE: 'dev' }, apiVersion: 'client.authentication.k8s.io/v1beta1' });
    expect(() =>
      parseKubeconfig(
        `current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://c"}}]
users: [{name: u, user: {auth-provider: {name: gcp}}}]
`,
        '/k',
      ),
    ).to.throw(/legacy auth-provider "gcp"/);
    expect(() => parseKubeconfig('current-context: nope\ncontexts: []\n', '/k')).to.throw(/kubeconfig \/k: no context named "nope"/);
    expect(() => parseKubeconfig('contexts: []\n', '/k')).to.throw(/no current-context/);
  });
});
