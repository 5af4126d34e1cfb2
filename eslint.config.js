import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of lib/, lowest first (ARCHITECTURE.md draws them): a folder may import the root modules
// (errors.ts, k8s-version.ts, package.ts) and the folders before it, never one after it, so the import
// graph has no cycle and no arrow up. A new folder gets its place here; an import this rule refuses means
// the code it wants belongs lower down.
const LAYERS = [
  'host',
  'kube',
  'input',
  'gates',
  'manifest',
  'observe',
  'suite',
  'triggers',
  'expectations',
  'control',
  'verdict',
  'cluster',
  'evidence',
  'profiles',
  'preflight',
  'nodeimage',
  'setup',
  'schemas',
  'validate',
  'report',
  'runner',
  'bench',
  'certify',
  'cli',
];

const layerRules = LAYERS.map((folder, i) => ({
  files: [`lib/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...LAYERS.slice(i + 1).map((above) => `**/${above}/*`), '**/../api.js', '**/../index.js'],
            message: `lib/${folder} may import only the folders below it in LAYERS (eslint.config.js, ARCHITECTURE.md): move what it needs down.`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '.probe/**', '.scratch-*/**', '.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    // The root modules every layer uses import no folder of lib/.
    files: ['lib/errors.ts', 'lib/k8s-version.ts', 'lib/package.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*/*'], message: 'a root module of lib/ imports no folder of it' }] },
      ],
    },
  },
);
