// Flat config: typescript-eslint's type-aware recommended rules, Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * The tests: their findings of the type-aware rules (mostly `no-unsafe-*` on JSON read from real
 * HTTP answers and sockets) are left for a later step, rule by rule: each rule below is off only
 * here, and the list is to be emptied, not grown. All product code, scripts included, has every rule.
 */
const TYPE_AWARE_PHASE_2_FOLDERS = ['test/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '.ci/node24/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Off: an async method that implements a Promise-returning port without awaiting keeps its
      // throws as rejections; dropping `async` to please the rule would turn them into synchronous
      // throws, a change of behaviour for every caller.
      '@typescript-eslint/require-await': 'off',
      // Off: botbuilder types `activity.type` as a string and `ActivityTypes` as a string enum;
      // comparing the two is the SDK's own idiom, and the values are the same strings.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // TODO(issue 16 phase 2): fix these findings and remove this block (see TYPE_AWARE_PHASE_2_FOLDERS).
    files: TYPE_AWARE_PHASE_2_FOLDERS,
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  // Plain JavaScript files (scripts/*.mjs, configs) are outside tsconfig.json: lint them without types.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
