import { expect } from 'chai';
import {
  CAP_SYS_RESOURCE,
  detectHost,
  dockerArch,
  hasCapability,
  hostFactsFromSamples,
  parseCapabilityBoundingSet,
  parseCgroupVersion,
} from '../../../lib/host/facts.js';

// Captured on the CI host (Firecracker VM, no systemd): cgroup v1 controllers with cgroup2 only at
// /sys/fs/cgroup/unified ("hybrid"), and a bounding set without CAP_SYS_RESOURCE.
const CI_HOST_MOUNTINFO = `22 1 253:0 / / rw,relatime - ext4 /dev/vda rw
23 22 0:21 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

const CI_HOST_STATUS = `Name:\tcat
Umask:\t0022
State:\tR (running)
CapInh:\t0000000000000000
CapPrm:\t000001fffeffffff
CapEff:\t000001fffeffffff
CapBnd:\t000001fffeffffff
CapAmb:\t0000000000000000
NoNewPrivs:\t0
`;

// A systemd host on the unified hierarchy (e.g. Ubuntu 22.04+, a GitHub Actions runner).
const UNIFIED_MOUNTINFO = `25 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
26 25 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw
28 26 0:25 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

const FULL_CAPS_STATUS = 'CapBnd:\t000001ffffffffff\n';

describe('host facts', () => {
  describe('parseCgroupVersion', () => {
    it('calls the CI host (v1 controllers, cgroup2 only at /sys/fs/cgroup/unified) v1', () => {
      expect(parseCgroupVersion(CI_HOST_MOUNTINFO)).to.equal(1);
    });

    it('calls a host with cgroup2 at /sys/fs/cgroup v2', () => {
      expect(parseCgroupVersion(UNIFIED_MOUNTINFO)).to.equal(2);
    });

    it('reads optional fields and a container with a private cgroup namespace', () => {
      const inContainer =
        '812 790 0:30 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime master:9 - cgroup2 cgroup rw\n';
      expect(parseCgroupVersion(inContainer)).to.equal(2);
    });

    it('is unknown without any cgroup mount', () => {
      expect(parseCgroupVersion('22 1 253:0 / / rw,relatime - ext4 /dev/vda rw\n')).to.equal('unknown');
      expect(parseCgroupVersion('')).to.equal('unknown');
    });
  });

  describe('capabilities', () => {
    it('reads CapBnd and finds CAP_SYS_RESOURCE (bit 24) missing on the CI host', () => {
      const mask = parseCapabilityBoundingSet(CI_HOST_STATUS);
      expect(mask).to.equal(0x1fffeffffffn);
      expect(hasCapability(mask as bigint, CAP_SYS_RESOURCE)).to.equal(false);
      expect(hasCapability(mask as bigint, 21)).to.equal(true); // CAP_SYS_ADMIN
    });

    it('finds CAP_SYS_RESOURCE in a full bounding set', () => {
      expect(hasCapability(parseCapabilityBoundingSet(FULL_CAPS_STATUS) as bigint, CAP_SYS_RESOURCE)).to.equal(true);
    });

    it('returns undefined without a CapBnd line', () => {
      expect(parseCapabilityBoundingSet('Name:\tx\n')).to.equal(undefined);
    });
  });

  it('maps Node architectures to Docker names', () => {
    expect(dockerArch('x64')).to.equal('amd64');
    expect(dockerArch('arm64')).to.equal('arm64');
    expect(dockerArch('riscv64')).to.equal('riscv64');
  });

  describe('hostFactsFromSamples', () => {
    it('the CI host: cgroup v1, CAP_SYS_RESOURCE absent, amd64, with evidence', () => {
      const facts = hostFactsFromSamples({
        platform: 'linux',
        nodeArch: 'x64',
        mountinfo: CI_HOST_MOUNTINFO,
        procStatus: CI_HOST_STATUS,
      });
      expect(facts).to.include({ cgroupVersion: 1, capSysResource: 'absent', arch: 'amd64' });
      expect(facts.evidence.join('\n')).to.contain('CapBnd 1fffeffffff');
    });

    it('a unified host with full capabilities', () => {
      const facts = hostFactsFromSamples({
        platform: 'linux',
        nodeArch: 'arm64',
        mountinfo: UNIFIED_MOUNTINFO,
        procStatus: FULL_CAPS_STATUS,
      });
      expect(facts).to.include({ cgroupVersion: 2, capSysResource: 'present', arch: 'arm64' });
    });

    it('falls back to cgroup.controllers when mountinfo says nothing', () => {
      const facts = hostFactsFromSamples({
        platform: 'linux',
        nodeArch: 'x64',
        cgroupControllers: 'cpu memory pids\n',
      });
      expect(facts.cgroupVersion).to.equal(2);
    });

    it('macOS (Docker Desktop): nothing known about the engine kernel', () => {
      const facts = hostFactsFromSamples({ platform: 'darwin', nodeArch: 'arm64' });
      expect(facts).to.include({ cgroupVersion: 'unknown', capSysResource: 'unknown', arch: 'arm64' });
    });
  });

  it('detectHost reads this machine without throwing', async () => {
    const facts = await detectHost();
    expect([1, 2, 'unknown']).to.include(facts.cgroupVersion);
    expect(['present', 'absent', 'unknown']).to.include(facts.capSysResource);
    expect(facts.arch).to.be.a('string').and.not.equal('');
  });
});
