// Lint rules. The module-boundary rule keeps `src/modules/<name>` talking to each other only through
// their `index.ts`, and keeps the pure format libraries free of the platform.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of enum.' }],
    },
  },
  {
    files: ['src/formats/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/platform/**', '**/modules/**', 'pg', '@electric-sql/*', 'fastify', 'fastify/*'], message: 'src/formats is pure: no database, no HTTP, no platform.' },
        ],
      }],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^\\.\\./\\.\\./modules/[^/]+/(?!index(\\.ts)?$).+', message: 'Import another module only through its index.ts.' },
          { regex: '^\\.\\./(?!index|platform/|formats/)[a-z-]+/(?!index(\\.ts)?$).+', message: 'Import another module only through its index.ts.' },
        ],
      }],
    },
  },
);
