#!/usr/bin/env node
// The compiled CLI (`npm run build` first): folio api | worker | migrate | seed | simulator | demo
import('../dist/src/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli.js')) {
    console.error('Folio is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw error;
});
