import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by the core's UI server from dist/renderer (next to dist/cli.js).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
