// Node facts: what the parsers make of the outputs measured inside the project's node images, and the
// facts collected through a scripted node exec and API.
import { expect } from 'chai';
import type { CommandResult } from '../../../lib/host/command.js';
import {
  collectNodeFacts,
  parseContainerdSystemdCgroup,
  parseContainerdVersion,
  parseCrictlVersion,
  parseFeatureGateFlags,
  parseKubeletConfigz,
  parseOsRelease,
  parseRuncVersion,
} from '../../../lib/certify/node-facts.js';

describe('certify: node facts', () => {
  it('reads component versions as each tool prints them', () => {
    expect(parseContainerdVersion('containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+b1')).to.equal(
      '1.6.20~ds1',
    );
    expect(parseContainerdVersion('containerd github.com/containerd/containerd/v2 v2.2.9 abcdef')).to.equal('v2.2.9');
    expect(parseRuncVersion('runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev')).to.equal(
      '1.1.5+ds1',
    );
    expect(parseCrictlVersion('crictl version v1.36.0')).to.equal('v1.36.0');
    expect(parseOsRelease('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')).to.equal(
      'Debian GNU/Linux 12 (bookworm)',
    );
  });

  it('reads gates from flags, the kubelet configz and the cgroup settings', () => {
    expect(
      parseFeatureGateFlags(
        '    - --feature-gates=NodeDeclaredFeatures=true,RestartAllContainersOnContainerExits=false\n',
      ),
    ).to.deep.equal({
      NodeDeclaredFeatures: true,
      RestartAllContainersOnContainerExits: false,
    });
    expect(parseFeatureGateFlags('- --v=2')).to.deep.equal({});
    expect(
      parseKubeletConfigz(
        '{"kubeletconfig":{"cgroupDriver":"systemd","featureGates":{"RestartAllContainersOnContainerExits":true}}}',
      ),
    ).to.deep.equal({
      gates: { RestartAllContainersOnContainerExits: true },
      cgroupDriver: 'systemd',
    });
    expect(parseContainerdSystemdCgroup('  [plugins.x.options]\n    SystemdCgroup = true\n')).to.equal(true);
    expect(parseContainerdSystemdCgroup('')).to.equal(undefined);
  });

  it('collects every fact of a node and lists what it could not read', async () => {
    const outputs: Record<string, string> = {
      'kubelet --version': 'Kubernetes v1.35.8',
      'containerd --version': 'containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+b1',
      'runc --version': 'runc version 1.1.5+ds1',
      'uname -r': '6.1.0-test',
      'cat /etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'stat -fc %T /sys/fs/cgroup': 'tmpfs',
      'containerd config dump': 'SystemdCgroup = false',
    };
    const exec = async (_node: string, argv: string[]): Promise<CommandResult> => {
      const key = argv[0] === 'sh' ? 'manifests' : argv.join(' ');
      if (key === 'manifests')
        return {
          exitCode: 0,
          stdout:
            '### /etc/kubernetes/manifests/kube-apiserver.yaml\n    - --feature-gates=RestartAllContainersOnContainerExits=true\n### /etc/kubernetes/manifests/etcd.yaml\n',
          stderr: '',
          command: key,
        };
      const out = outputs[key];
      return out === undefined
        ? { exitCode: 127, stdout: '', stderr: `${argv[0]}: not found`, command: key }
        : { exitCode: 0, stdout: out, stderr: '', command: key };
    };
    const client = {
      listNodes: async () => [
        {
          metadata: { name: 'n1' },
          status: {
            declaredFeatures: ['RestartAllContainersOnContainerExits'],
            nodeInfo: { containerRuntimeVersion: 'containerd://1.6.20' },
          },
        },
      ],
      getRaw: async (p: string) => {
        if (p === '/metrics')
          return 'kubernetes_feature_enabled{name="RestartAllContainersOnContainerExits",stage="ALPHA"} 1\n';
        if (p.endsWith('/metrics'))
          return 'kubernetes_feature_enabled{name="RestartAllContainersOnContainerExits",stage="ALPHA"} 0\n';
        if (p.endsWith('/configz'))
          return '{"kubeletconfig":{"cgroupDriver":"cgroupfs","featureGates":{"RestartAllContainersOnContainerExits":false}}}';
        throw new Error(`unexpected ${p}`);
      },
    };
    const [facts] = await collectNodeFacts(exec, client);
    expect(facts!.versions).to.deep.equal({
      kubelet: 'v1.35.8',
      containerd: '1.6.20~ds1',
      runc: '1.1.5+ds1',
      kernel: '6.1.0-test',
      os: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(facts!.cgroup).to.deep.equal({ version: 'v1', containerdSystemdCgroup: false, kubeletDriver: 'cgroupfs' });
    expect(facts!.featureGates['kube-apiserver']!.gates).to.deep.equal({ RestartAllContainersOnContainerExits: true });
    expect(facts!.featureGates.kubelet!.gates).to.deep.equal({ RestartAllContainersOnContainerExits: false });
    expect(facts!.featureGates['kubelet configz']!.gates).to.deep.equal({
      RestartAllContainersOnContainerExits: false,
    });
    expect(facts!.featureGates['kube-apiserver flags']!.gates).to.deep.equal({
      RestartAllContainersOnContainerExits: true,
    });
    expect(facts!.featureGates).to.not.have.property('etcd flags');
    expect(facts!.declaredFeatures).to.deep.equal(['RestartAllContainersOnContainerExits']);
    expect(facts!.errors).to.deep.equal(['crictl --version: exit 127: crictl: not found']);
  });
});
