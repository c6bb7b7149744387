import { runLoad } from './lib/load.js';
const queries: Record<string, string> = {
  full: '{ book(isbn: "9780306406157") { isbn13 title authors { name } category { name } publisher listPrice { amount } stock } }',
  nostock: '{ book(isbn: "9780306406157") { isbn13 title authors { name } category { name } publisher listPrice { amount } } }',
  titleonly: '{ book(isbn: "9780306406157") { title } }',
};
for (const [name, query] of Object.entries(queries)) {
  const body = JSON.stringify({ query });
  console.log(await runLoad({ name, url: 'http://127.0.0.1:4501/graphql', concurrency: 16, durationMs: 5000, body: () => body }));
}
