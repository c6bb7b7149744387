/** Set by vite.config.ts: true in a built app, false under the dev server. */
declare const __PERSISTED_OPERATIONS__: boolean;
