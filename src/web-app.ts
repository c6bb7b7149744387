import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { tryParseIsbn } from './lib/isbn.js';
import { packageRoot } from './lib/paths.js';

/** The built web app (`npm run web:build`), if there is one. */
const WEB_DIST = join(packageRoot(), 'web', 'dist');

/**
 * The web app's files: hashed assets cached for good, its pages answered with index.html, and any other
 * path with index.html too (the app shows "not found") but status 404. Without a build, `/` leads to GraphiQL.
 */
export function createWebApp(graphqlPath: string): (request: IncomingMessage, response: ServerResponse) => void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    return (_request, response) => {
      response.writeHead(302, { location: graphqlPath });
      response.end();
    };
  }
  const files = sirv(WEB_DIST, {
    single: true,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const page = readFileSync(join(WEB_DIST, 'index.html'));
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (isWebPage(path) || /\.[a-z0-9]+$/i.test(path)) return files(request, response);
    // The app shows its own "not found" page; the status says so too (to crawlers, monitors and tests).
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : page);
  };
}

/** The web app's pages (web/src/app.tsx routes them): a book's page only for a valid ISBN. */
function isWebPage(path: string): boolean {
  if (['/', '/cart', '/orders', '/alerts', '/account', '/sign-in'].includes(path)) return true;
  if (/^\/orders\/[^/]+$/.test(path)) return true;
  const book = /^\/books\/([^/]+)$/.exec(path);
  return book !== null && tryParseIsbn(decodeURIComponent(book[1]!)) !== null;
}
