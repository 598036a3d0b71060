// For @vscode/test-cli where desktop VS Code can be downloaded (`npx vscode-test`). On machines that
// reach only npm, the same suite runs inside code-server: node scripts/test.mjs extension.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist/test/suite/all.js',
  workspaceFolder: 'test/extension/fixtures',
  version: '1.100.3',
  mocha: { ui: 'tdd', timeout: 60000 },
});
