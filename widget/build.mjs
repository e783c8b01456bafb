// Builds the widget: dist/loader.js (the pasted script) and dist/frame.html + dist/assets/* (the chat app).
// Fails when the loader exceeds 5 KB or the app 40 KB gzipped.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const budgets = { loader: 5 * 1024, app: 40 * 1024 };
const watch = process.argv.includes('--dev');

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'assets'), { recursive: true });

const common = {
  bundle: true,
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

await build({
  ...common,
  entryPoints: [join(root, 'src/loader/index.ts')],
  outfile: join(dist, 'loader.js'),
  format: 'iife',
  target: ['es2019', 'chrome80', 'firefox78', 'safari13'],
});

await build({
  ...common,
  entryPoints: { app: join(root, 'src/app/main.tsx') },
  outdir: join(dist, 'assets'),
  format: 'iife',
  target: ['es2020', 'chrome87', 'firefox78', 'safari15'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
});

const read = (file) => readFile(join(dist, file));
const [loader, appJs, appCss] = await Promise.all([read('loader.js'), read('assets/app.js'), read('assets/app.css')]);
const version = createHash('sha256').update(appJs).update(appCss).digest('hex').slice(0, 10);

// The frame's CSP: scripts, styles and API calls only from the CareLoop server itself.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

await writeFile(join(dist, 'frame.html'), `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>CareLoop chat</title>
<link rel="stylesheet" href="assets/app.css?v=${version}">
</head>
<body>
<div id="app"></div>
<script src="assets/app.js?v=${version}" defer></script>
</body>
</html>
`);

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const sizes = { loader: gz(loader), app: gz(appJs) + gz(appCss) };
console.log(`widget loader.js  ${kb(loader.length)} raw, ${kb(sizes.loader)} gzip (budget ${kb(budgets.loader)})`);
console.log(`widget app.js     ${kb(appJs.length)} raw, ${kb(gz(appJs))} gzip`);
console.log(`widget app.css    ${kb(appCss.length)} raw, ${kb(gz(appCss))} gzip`);
console.log(`widget app total  ${kb(sizes.app)} gzip (budget ${kb(budgets.app)})`);

const over = Object.entries(sizes).filter(([name, size]) => size > budgets[name]);
if (over.length) {
  console.error(`widget: over budget: ${over.map(([name]) => name).join(', ')}`);
  process.exit(1);
}
