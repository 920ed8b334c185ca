/**
 * The console's first-load JavaScript: the entry chunk named by dist/web/index.html and every chunk it
 * imports statically (transitively), the way the browser fetches them before the first render. Dynamic
 * `import()`s (lazy pages: admin, diagram) are left out; they are counted apart. Sizes are gzip level 9,
 * as a server would send them compressed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  entry: string;
  /** The entry chunk and its static imports, in the order found. */
  chunks: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
  /** The rest of the JavaScript in dist/web/assets (lazy chunks), gzipped. */
  lazyGzip: number;
  cssGzip: number;
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

// Static imports as Rolldown/Vite write them: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{…}from"./x.js"`.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

export function measureBundle(webDir: string): BundleFigures {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const src = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${webDir}/index.html names no module script: build the console first (npm run build)`);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  // Addresses are under /app/ (the service's mount); files are under dist/web.
  const fileOf = (url: string) => join(webDir, url.replace(/^\/app\//, '').replace(/^\//, ''));
  const seen = new Set<string>();
  const chunks: BundleFigures['chunks'] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const buf = readFileSync(file);
    chunks.push({ file: file.slice(webDir.length + 1), raw: buf.length, gzip: gz(buf) });
    for (const m of buf.toString('utf8').matchAll(STATIC_IMPORT)) visit(join(dirname(file), posix.normalize(m[1])));
  };
  visit(fileOf(src));
  for (const p of preloads) visit(fileOf(p));
  const assets = join(webDir, 'assets');
  const all = readdirSync(assets);
  const lazyGzip = all.filter((f) => f.endsWith('.js') && !seen.has(join(assets, f))).reduce((n, f) => n + gz(readFileSync(join(assets, f))), 0);
  const cssGzip = all.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(readFileSync(join(assets, f))), 0);
  return {
    entry: src,
    chunks,
    raw: chunks.reduce((n, c) => n + c.raw, 0),
    gzip: chunks.reduce((n, c) => n + c.gzip, 0),
    lazyGzip,
    cssGzip,
  };
}
