import { defineConfig } from 'vitest/config';

// The gateway serves dist/ at `/`; relative asset URLs also work from any sub-path.
// Nothing inline and nothing from elsewhere: the page runs under
// `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'`.
export default defineConfig({
  base: './',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    // the front end, and the embed page a blog frames (served by the gateway at /embed/...)
    rollupOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
  server: {
    // `npm run dev` against a running gateway (or the mock API)
    proxy: {
      '/api': process.env.KIEZWERK_BASE_URL || 'http://127.0.0.1:8080',
      '/hsds': process.env.KIEZWERK_BASE_URL || 'http://127.0.0.1:8080',
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
