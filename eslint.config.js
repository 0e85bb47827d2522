// Lint: typescript-eslint's recommended rules, plus the project's rules that a reviewer would
// otherwise have to enforce by eye: no `any`; no floating or misused promises (a rejected
// promise nobody awaits crashes the process or vanishes); no import cycles; and the layering
// of docs/architecture.md, where imports flow one way (http, cli → domain modules → audit →
// crypto, mail → db, config → lib).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** The modules below the domains, each with what it may import (besides itself). */
const LAYERS = {
  lib: [],
  config: ['lib'],
  db: ['lib'],
  mail: ['lib', 'config', 'db'],
  crypto: ['lib', 'config', 'db'],
  audit: ['lib', 'config', 'db', 'crypto'],
  jobs: ['lib', 'config', 'db'],
};
/** Domain modules: may import the layers above and each other, never http or cli. */
const DOMAINS = ['identity', 'orgs', 'authz', 'integrations', 'trust', 'mfa', 'vault', 'privacy', 'webhooks', 'backup', 'incidents', 'metrics', 'pages'];

const zones = [
  ...Object.entries(LAYERS).map(([name, allowed]) => ({
    target: `./src/${name}`,
    from: './src',
    except: [name, ...allowed].map((m) => `./${m}`),
    message: `src/${name} may import ${allowed.length ? 'only ' + allowed.map((m) => `src/${m}`).join(', ') : 'nothing from src'} (docs/architecture.md).`,
  })),
  ...DOMAINS.map((name) => ({
    target: `./src/${name}`,
    from: ['./src/http', './src/cli', './src/app.ts'],
    message: 'A domain module never imports http, cli or the composition root (docs/architecture.md).',
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'scratch/**', 'web/**/dist/**', 'web/build/**', 'bench/**/node_modules/**', 'bench/deps/**', '.palisade*/**', 'coverage/**', 'test-results/**', '.stryker-tmp/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Every request string goes through text() (NUL and lone surrogates refused, issue 20).
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
        message: 'Use text() from src/lib/text.ts: a bare z.string() lets NUL and lone surrogates through to PostgreSQL (a 500).',
      }],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
