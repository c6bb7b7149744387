import { defineConfig } from 'vite';

/** The web app: built into web/dist, which Folio serves at `/`. */
export default defineConfig({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
