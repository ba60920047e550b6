import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** Cross-origin isolation: lets the wasm backend use its threaded build (SharedArrayBuffer). */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Offline after the first visit, installable: a Workbox service worker (production build only)
 * precaches the app shell, KaTeX's woff2 fonts (what browsers load; the woff/ttf fallbacks are left
 * out), the two tfjs wasm builds the worker can load (plain and SIMD; the threaded build is switched
 * off in src/worker/host/backends.ts, so never fetched) and the MNIST binary. The benchmark page
 * (bench.html, its script and worker) is left to the network.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  includeAssets: ['icons/*.png'],
  manifest: {
    name: 'BatchNorm Lab',
    short_name: 'BN Lab',
    description: 'Why Batch Normalization works, trained live in your browser on MNIST.',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#0a5fa3',
    background_color: '#fbfbfd',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: [
      '**/*.{html,js,css,woff2}',
      'assets/tfjs-backend-wasm-*.wasm',
      'data/mnist-10k.bin',
      'references/*.json',
    ],
    globIgnores: ['bench.html', 'assets/bench*', 'assets/tfjs-backend-wasm-threaded-*'],
    // The training worker's chunk (~2 MB) and the MNIST binary (7.9 MB) exceed Workbox's 2 MiB.
    maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/\/bench\.html$/],
  },
});

export default defineConfig({
  base: './',
  plugins: [react(), pwa],
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    chunkSizeWarningLimit: 4000,
  },
});
