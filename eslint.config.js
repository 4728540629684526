// Lint: typescript-eslint (type-aware), React Hooks, TanStack Query, jsx-a11y, kebab-case names, and the
// import direction of STYLE.md enforced with import-x/no-restricted-paths.
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginQuery.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, 'check-file': checkFile },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./src/contract', './src/!(contract)/**', 'contract/ imports nothing of ours (STYLE.md)'),
            zone('./src/api', './src/!(contract|api)/**', 'api/ imports contract/ only'),
            zone('./src/components', './src/!(contract|api|components|i18n)/**', 'components/ are shared UI: contract, api, i18n only'),
            zone('./src/features', './src/!(contract|api|components|i18n|features)/**', 'features/ import api, components, contract, i18n'),
            zone('./src/features/clusters', './src/features/!(clusters)/**', 'features do not import each other: compose them in app/'),
            zone('./src/features/addons', './src/features/!(addons)/**', 'features do not import each other: compose them in app/'),
            zone('./src/features/charts', './src/features/!(charts)/**', 'features do not import each other: compose them in app/'),
            zone('./src/features/upgrade', './src/features/!(upgrade)/**', 'features do not import each other: compose them in app/'),
            zone('./src/i18n', './src/!(i18n)/**', 'i18n/ holds catalogs and the translate runtime only'),
            zone('./src/server', './src/!(contract|server)/**', 'server/ imports contract/ only'),
            zone('./src/!(server)/**', './src/server', 'nothing outside server/ imports server/'),
            zone('./e2e', './src/!(contract)/**', 'e2e drives the app through the browser; it may share the contract only'),
          ],
        },
      ],
      'check-file/filename-naming-convention': [
        'error',
        { 'src/**/*.{ts,tsx,css}': 'KEBAB_CASE', 'e2e/**/*.ts': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE', 'e2e/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // a scrollable region must be focusable to be scrolled with the keyboard (axe: scrollable-region-focusable)
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
    },
  },
  {
    files: ['src/server/**/*.ts', 'scripts/**/*', 'bench/**/*'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
