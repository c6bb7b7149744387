import { defineConfig } from 'vite';

/** The web app: built into web/dist, which Folio serves at `/`. */
export default defineConfig(({ command }) => ({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
  // A built app names its operations by their persisted hashes (trusted documents); the dev server sends
  // their text, so an operation added while developing runs before codegen has persisted it.
  define: { __PERSISTED_OPERATIONS__: JSON.stringify(command === 'build') },
}));
