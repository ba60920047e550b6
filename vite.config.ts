import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** Cross-origin isolation: lets the wasm backend use its threaded build (SharedArrayBuffer). */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy: scripts, workers, fetches, styles, images and fonts from this origin
 * only (plus wasm compilation, inline style attributes, and data:/blob: images and fonts for chart
 * export), no eval, no plugins, no <base>, no forms, never framed. Sent as a header by `vite preview` (and to be sent by any host: see
 * docs/backends.md) and written into the built index.html as a meta tag for hosts that cannot set
 * headers; `frame-ancestors` works only as a header, so the meta tag leaves it out. The dev server
 * goes without (its hot-reload preamble is an inline script).
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  // Fonts as data: URLs: chart export embeds the page's fonts into the image it draws.
  "font-src 'self' data:",
  // Style attributes (KaTeX's typeset formulas carry their sizes in them); no <style> elements.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
export const CONTENT_SECURITY_POLICY = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The policy as a meta tag in the built page (without frame-ancestors, which meta cannot carry). */
const cspMeta: Plugin = {
  name: 'bnlab-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_DIRECTIVES.join('; ') },
      injectTo: 'head-prepend',
    },
  ],
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
      // Every shipped dataset (MNIST, Fashion-MNIST): training works offline on each.
      'data/*.bin',
      'references/*.json',
    ],
    globIgnores: ['bench.html', 'assets/bench*', 'assets/tfjs-backend-wasm-threaded-*'],
    // The training worker's chunk (~2 MB) and each dataset's binary (7.9 MB) exceed Workbox's 2 MiB.
    maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/\/bench\.html$/],
  },
});

export default defineConfig({
  base: './',
  plugins: [react(), pwa, cspMeta],
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: {
    headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    chunkSizeWarningLimit: 4000,
  },
});
