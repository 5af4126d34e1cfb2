// `inplace-e2e certify`: judges kind node images against this project's reference of their minor, with
// Kubernetes' own e2e tests beside the catalogue, into a bundle a vendor can publish (`certify verify`).
//   image-version.ts  the Kubernetes version inside an image (/kind/version and kubelet --version)
//   known.ts          the minors certify knows: profile, gate-off control, reference
//   node-facts.ts     versions, cgroups, gates and declaredFeatures read from the running node
//   upstream.ts       e2e.test built from the k8s.io/kubernetes module, run, parsed, set beside the harness
//   reference.ts      verdicts reduced to comparable facts; differences from a reference
//   result.ts         one image's certification and the pass/fail decision
//   summary.ts        summary.md, images side by side
//   bundle.ts         the .tar.gz layout, SHA256SUMS and its verification
//   run.ts            the command: detect, run (lib/runner), collect, compare, pack
export * from './bundle.js';
export * from './image-version.js';
export * from './known.js';
export * from './node-facts.js';
export * from './reference.js';
export * from './result.js';
export * from './run.js';
export * from './summary.js';
export * from './types.js';
export * from './upstream.js';
