// Lint: typescript-eslint's recommended rules, type-aware where they catch real defects
// (floating promises lose a refusal or an append silently). Layout is Prettier's job and
// import boundaries are dependency-cruiser's (.dependency-cruiser.cjs): this file leaves both alone.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  // contract/schema.d.ts is openapi-typescript's output, compared byte for byte with it (test/contract/contract-drift.e2e.spec.ts).
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.tools/', 'data/', '.build-test/', 'contract/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nest's DI needs classes that only carry decorators.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Tests may use `any` in fixtures that build deliberately malformed input.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The generated client's users are typed end to end: an `any` would hide the contract change the typecheck is there to catch.
    files: ['test/contract/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // The store benchmark loads its peer libraries from a folder known only at run time.
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The few plain CommonJS scripts (worker bootstraps, probes) run in Node as they are.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
