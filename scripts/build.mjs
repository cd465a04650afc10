// Builds the core (dist/cli.js), the Electron shell (dist/main.js, dist/preload.cjs), the renderer
// (dist/renderer/) and the packaged app's icon (build/icon.png).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { writeIcon } from './icon.mjs';

// dist/ is not wiped first: tests and colleagues may be running dist/cli.js while a build runs.

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Native and heavy runtime packages stay in node_modules: better-sqlite3 has a .node addon.
  packages: 'external',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    cli: 'electron/cli.ts',
    'checkpoint-worker': 'electron/store/checkpoint-worker.ts',
    'schema-check-worker': 'electron/schema/check-worker.ts',
  },
  outdir: 'dist',
  format: 'esm',
  banner: { js: '#!/usr/bin/env node' },
});

await build({
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  outdir: 'dist',
  format: 'esm',
  external: ['electron'],
});
await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

await writeIcon();
