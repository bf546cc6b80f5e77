import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The wings of src/ (docs/architecture.md): core imports nothing outside core; toolkit, service and stack
// import core and themselves, never each other; only src/cli (the composition root) wires wings together.
const WINGS = ['core', 'toolkit', 'service', 'stack', 'cli'];
const MAY_IMPORT = {
  core: ['core'],
  toolkit: ['core', 'toolkit'],
  service: ['core', 'service'],
  stack: ['core', 'stack'],
};
const wingZones = Object.entries(MAY_IMPORT).map(([wing, allowed]) => ({
  target: `./src/${wing}`,
  from: WINGS.filter((other) => !allowed.includes(other)).map((other) => `./src/${other}`),
  message: `src/${wing} may import only ${allowed.map((a) => `src/${a}`).join(' and ')} (docs/architecture.md)`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'charts/**', 'test/fixtures/invalid/**', 'test/fixtures/located/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and benchmarks read parsed YAML/JSON documents whose shape the assertions check.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: wingZones }],
      'import-x/no-cycle': 'error',
    },
  },
);
