import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Shared and renderer code runs without Node.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the preload may talk to ipcRenderer, and only src/main/app may talk to ipcMain.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/preload/**', 'src/main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only the Electron shell (src/main/app) and the preload import electron.' }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer reaches main only through window.pos.' }], patterns: [nodeBuiltins] },
      ],
      // Components go through the per-feature hooks; only api/pos.ts touches window.pos.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='pos']", message: 'Use callPos from api/pos.ts via a feature hook.' },
      ],
    },
  },
  {
    files: ['src/renderer/api/pos.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared is pure: no Electron.' },
            { name: 'react', message: 'src/shared is pure: no React.' },
          ],
          patterns: [nodeBuiltins],
        },
      ],
    },
  },
);
