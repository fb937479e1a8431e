import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Chunking: React and the router in one long-cached chunk that every page needs; antd, other vendors
 * and our shared components split by which pages use them (`entriesAware`), so the login page never
 * downloads the table, tree and picker code of the other pages. Only tiny leftovers are merged: a
 * subgroup is merged into its "closest" neighbour, and with a larger threshold (10 kB) that neighbour
 * changed as pages were added until the login page pulled in TreeSelect and Table (≈ +60 kB gzip).
 */
const merge = { entriesAware: true, entriesAwareMergeThreshold: 2_000 };
const groups = [
  /**
   * Every English text (the web's src/i18n/english.ts with its en-US dictionaries, and the shared
   * package's), in one chunk that src/i18n/load.ts fetches only when the language is English: the login
   * page carries Chinese alone. The shared package builds English in for Node only (`#i18n/built-in`).
   */
  { name: 'en-US', test: /[\\/]i18n[\\/](english|(\w+\.)?en-US)\.ts$/, priority: 50 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 40 },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|stylis)[\\/]/, priority: 30, ...merge },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 20, ...merge },
  { name: 'common', test: /apps[\\/]web[\\/]src[\\/](api|auth|components|forms|i18n)[\\/]|packages[\\/]shared[\\/]/, priority: 10, ...merge },
];

/** Group chunks get names like "antd~LoginPage~SetupPage~…"; keep the file names short. */
const chunkFileNames = ({ name }: { name: string }) => `assets/${name.includes('~') ? name.split('~')[0] : name}-[hash].js`;

export default defineConfig({
  root,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by the bundle-size benchmark (bench/src/scenarios.ts).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        chunkFileNames,
        codeSplitting: { groups },
      },
    },
  },
});
