import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/app/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can't require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    // csv-stringify's Node build calls Buffer at load; its browser build carries its own. Same API,
    // so src/shared/reports-csv.ts imports one name for main and renderer alike.
    resolve: { alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' } },
    build: {
      // electron-vite 6 leaves the renderer unminified unless told: the bundle budget is 150 KB gzipped.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
