// Debian's Chromium with the built extension, and the fixture pages served under the real hosts'
// names by Playwright's router (nothing leaves the machine). Used by the browser tests, the demo
// (npm start) and the in-page benchmark.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = join(ROOT, 'tests/browser/pages');
const OUT = join(ROOT, 'dist/test-pages');
export const EXT = join(ROOT, 'dist/chrome');
/** Hosts of the generic-adapter fixtures. */
export const GENERIC_HOSTS = ['support.example.org', 'tools.example.org', 'shadow.example.org'];

/** Host -> fixture page. */
export const SITES = {
  'acme.zendesk.com': 'zendesk.html',
  'mail.google.com': 'gmail.html',
  'app.intercom.com': 'intercom.html',
  'acme.freshdesk.com': 'freshdesk.html',
  'outlook.office.com': 'outlook.html',
  'support.example.org': 'generic-textarea.html',
  'tools.example.org': 'generic-editable.html',
  'shadow.example.org': 'generic-shadow.html',
  'demo.tact.test': 'demo.html',
  // the same Zendesk fixture on a host Tact does not run on: the benchmark's baseline
  'baseline.example.net': 'zendesk.html',
};

let built = null;
export function buildPages() {
  return (built ??= build({
    entryPoints: ['ckeditor', 'prosemirror', 'froala', 'plain', 'roosterjs'].map((n) => join(PAGES, `${n}.ts`)),
    outdir: OUT, bundle: true, format: 'iife', minify: true, logLevel: 'error', loader: { '.css': 'css' },
  }).then(() => undefined));
}

/**
 * The built extension, plus host access to the generic fixtures' sites: that stands in for the
 * agent accepting the browser's permission prompt, which a headless browser cannot show. All
 * code and the rest of the manifest are the build's own.
 */
function testCopy(key) {
  const dir = key ? mkdtempSync(join(ROOT, 'dist/chrome-test-')) : join(ROOT, 'dist/chrome-test');
  rmSync(dir, { recursive: true, force: true });
  cpSync(EXT, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.host_permissions = GENERIC_HOSTS.map((h) => `https://${h}/*`);
  // a test that writes browser policy gives its copy its own id, so other tests are unaffected
  if (key) m.key = key;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

export async function launch({ headless = true, extraArgs = [], key = undefined } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('dist/chrome is missing: run npm run build');
  await buildPages();
  const ext = testCopy(key);
  const profile = mkdtempSync(join(tmpdir(), 'tact-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless, viewport: { width: 1100, height: 800 },
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', ...extraArgs],
  });
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:') return route.continue();
    const page = SITES[url.hostname];
    if (!page) return route.abort();
    const file = /\.(js|css|woff2?|ttf|svg|png)$/.test(url.pathname) ? join(OUT, url.pathname) : join(PAGES, page);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream';
    return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': type } });
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  return {
    ctx, sw, extensionId,
    async close() { await ctx.close(); rmSync(profile, { recursive: true, force: true }); if (key) rmSync(ext, { recursive: true, force: true }); },
  };
}
