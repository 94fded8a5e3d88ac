// ESLint for every package of the workspace: JavaScript's and
// typescript-eslint's recommended rules, and eslint-plugin-vue's recommended
// rules for the templates. `npm run lint` (part of `make test`) fails on any
// warning.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', 'shared/api/schema.d.ts', '**/test-output/**', '**/screenshots/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      // Layout only: the templates keep one element per line with its
      // attributes and short content on that line (a table column, a form
      // item); these three would break every such line apart.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    languageOptions: { globals: globals.browser },
  },
  {
    // Node scripts: the e2e suite, screenshot and schema scripts, tool configs.
    files: ['e2e/**', '**/scripts/**', 'h5/e2e/**', '**/*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
)
