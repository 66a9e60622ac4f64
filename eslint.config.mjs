// Lint gates `npm test`. typescript-eslint everywhere; Microsoft's powerbi-visuals rules
// (certification: no innerHTML, no eval, no http strings, no insecure random) on the visual
// and on the rules module it bundles.
import tseslint from 'typescript-eslint';
import powerbiVisuals from 'eslint-plugin-powerbi-visuals';

export default tseslint.config(
  { ignores: ['node_modules/**', '.tmp/**', 'dist/**', 'dist-node/**', 'data/**', '.ci/out/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['visual/src/**/*.ts', 'core/src/**/*.ts'],
    ...powerbiVisuals.configs.recommended,
  },
);
