// Lint: typescript-eslint's recommended rules, plus the project's rules that a reviewer would
// otherwise have to enforce by eye (no `any`, no floating promises in src).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'scratch/**', 'web/**/dist/**', 'bench/**/node_modules/**', '.palisade*/**', 'coverage/**', 'test-results/**', '.stryker-tmp/**', 'reports/**'] },
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
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
