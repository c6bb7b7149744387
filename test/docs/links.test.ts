import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// The project's documents link only within the repository, to files and headings that exist.
const DOCUMENTS = [
  'README.md',
  'BENCHMARKS.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!)));
}

function linksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe('documentation links', () => {
  it.each(DOCUMENTS)('%s links only to files and headings inside the repository', (file) => {
    for (const link of linksOf(file)) {
      expect(link, `${file}: ${link}`).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path ? normalize(join(dirname(file), path)) : file;
      expect(existsSync(target), `${file}: ${link} (no ${target})`).toBe(true);
      expect(target.startsWith('..'), `${file}: ${link} leaves the repository`).toBe(false);
      if (anchor) expect(anchorsOf(target).has(anchor), `${file}: ${link} (no such heading in ${target})`).toBe(true);
    }
  });

  it('the README leads with what Folio is, how to run it and a first query, and points to docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    const order = ['# Folio', '## Set up', '## Try it in GraphiQL', '## What Folio does', '## The web app', '## Configuration', '## Deployment'].map(
      (heading) => readme.indexOf(`${heading}\n`),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const page of ['docs/api.md', 'docs/architecture.md', 'docs/operations.md', 'docs/simulator.md']) expect(readme).toContain(`](${page})`);
  });
});
