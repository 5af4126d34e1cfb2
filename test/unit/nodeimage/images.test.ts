import { expect } from 'chai';
import { componentImageArgs, type ComponentFiles } from '../../../lib/nodeimage/stages/images.js';

const files: ComponentFiles = {
  kubeBin: '/c/bin/kubernetes-v1.35.8',
  etcd: '/c/bin/etcd-v3.6.6/etcd',
  coredns: '/c/bin/coredns-v1.13.1/coredns',
  pause: '/c/bin/pause/pause',
  caBundle: '/c/build/ca.crt',
  kubeProxyTree: '/c/build/kube-proxy-tree',
};

describe('component image layout', () => {
  it('puts control-plane binaries on PATH, where kubeadm static pods call them', () => {
    const args = componentImageArgs(
      { component: 'kube-apiserver', ref: 'registry.k8s.io/kube-apiserver:v1.35.8', extraTags: [] },
      files,
      '/c/images/kube-apiserver.tar',
    );
    expect(args[0]).to.equal('registry.k8s.io/kube-apiserver:v1.35.8');
    expect(args).to.include('/c/bin/kubernetes-v1.35.8/kube-apiserver:/usr/local/bin/kube-apiserver');
    expect(args.join(' ')).to.contain('--save /c/images/kube-apiserver.tar');
    expect(args.join(' ')).to.contain('ENV PATH=/usr/local/sbin:/usr/local/bin');
  });

  it('gives pause every tag, its entrypoint and the nobody user', () => {
    const args = componentImageArgs(
      { component: 'pause', ref: 'registry.k8s.io/pause:3.10.1', extraTags: ['registry.k8s.io/pause:3.10'] },
      files,
      '/c/images/pause.tar',
    );
    expect(args.slice(0, 3)).to.deep.equal(['registry.k8s.io/pause:3.10.1', '--tag', 'registry.k8s.io/pause:3.10']);
    expect(args).to.include('ENTRYPOINT ["/pause"]');
    expect(args).to.include('USER 65535:65535');
  });

  it('gives coredns an entrypoint (kubeadm passes only args) and a CA bundle', () => {
    const args = componentImageArgs(
      { component: 'coredns', ref: 'registry.k8s.io/coredns/coredns:v1.13.1', extraTags: [] },
      files,
      '/c/images/coredns.tar',
    );
    expect(args).to.include('ENTRYPOINT ["/coredns"]');
    expect(args).to.include('/c/build/ca.crt:/etc/ssl/certs/ca-certificates.crt:0644');
  });

  it('builds kube-proxy from its prepared tree (iptables included)', () => {
    const args = componentImageArgs(
      { component: 'kube-proxy', ref: 'registry.k8s.io/kube-proxy:v1.35.8', extraTags: [] },
      files,
      '/c/images/kube-proxy.tar',
    );
    expect(args).to.include('/c/build/kube-proxy-tree:/');
  });
});
