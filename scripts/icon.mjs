// Draws build/icon.png (the packaged app's icon) with electron/shell/icon-png.ts, the code that draws
// the tray and window icon at runtime: one drawing, so the two cannot drift. Run by scripts/build.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Writes `build/icon.png` at 512×512 (electron-builder's minimum for every platform). */
export async function writeIcon(path = 'build/icon.png') {
  // Node 20 cannot import TypeScript: bundle the one module in memory and import it from a data URL.
  const out = await build({
    entryPoints: ['electron/shell/icon-png.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].text;
  const { iconPng } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  mkdirSync('build', { recursive: true });
  writeFileSync(path, iconPng(512));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeIcon();
