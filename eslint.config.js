// ESLint (flat config) with typescript-eslint. Syntax-level rules only, so `npm run lint` stays fast;
// the type checker (npm run typecheck) and dependency-cruiser (.dependency-cruiser.cjs) do the rest.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    // Off: a disable comment for a rule this config turns off (no-control-regex) is harmless.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // A leading underscore marks a parameter a signature requires but this body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The export and import sanitizers match control characters on purpose (to strip or refuse them).
      'no-control-regex': 'off'
    }
  },
  { files: ['server/**', 'scripts/**', 'test/**', '*.js', '*.cjs', '*.ts', '*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['client/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    // Tests read loosely typed JSON and reach into internals to assert on them.
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } }
)
