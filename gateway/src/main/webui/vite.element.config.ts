import { defineConfig } from 'vite';

// The <kiezwerk-embed> element (src/embed/element.ts) as one classic script at a stable address,
// /kiezwerk-embed.js, which blogs include: no imports, no hash in its name. Runs after the main build.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: false,
    lib: {
      entry: 'src/embed/element.ts',
      formats: ['iife'],
      name: 'KiezwerkEmbed',
      fileName: () => 'kiezwerk-embed.js',
    },
  },
});
