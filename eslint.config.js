// ESLint (flat config): TypeScript and Svelte, type-aware where it pays. Style is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'test-results/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // unused code is knip's and tsc's to find; a leading underscore marks a parameter kept for its position
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `as NodeId` and friends belong in the id constructors only (docs/design.md)
      'no-restricted-syntax': ['error', { selector: "TSAsExpression > TSTypeReference[typeName.name='NodeId']", message: "Build ids with nodeId() (src/netsim/world.ts), not 'as NodeId'." }],
      // error messages go through describeError(), the one idiom (src/errors.ts)
      'no-restricted-properties': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['src/netsim/world.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
