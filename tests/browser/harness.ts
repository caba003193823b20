/**
 * Launches Debian's Chromium with the built extension (dist/chrome) through playwright-core,
 * and serves the fixture pages under the real hosts' names (zendesk.com, mail.google.com...):
 * requests are answered by Playwright's router, so the browser's own content-script matching
 * decides where Tact runs, exactly as on the real sites. Nothing leaves the machine.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = join(ROOT, 'tests/browser/pages');
const OUT = join(ROOT, 'dist/test-pages');
export const EXT = join(ROOT, 'dist/chrome');
/** Hosts of the generic-adapter fixtures. */
export const GENERIC_HOSTS = ['support.example.org', 'tools.example.org'];

/**
 * The built extension, plus host access to the generic fixtures' sites: that stands in for the
 * agent accepting the browser's permission prompt, which a headless browser cannot show. All
 * code and the rest of the manifest are the build's own.
 */
function testCopy(): string {
  const dir = join(ROOT, 'dist/chrome-test');
  rmSync(dir, { recursive: true, force: true });
  cpSync(EXT, dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.host_permissions = GENERIC_HOSTS.map((h) => `https://${h}/*`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

/** Host -> fixture page. */
export const SITES: Record<string, string> = {
  'acme.zendesk.com': 'zendesk.html',
  'mail.google.com': 'gmail.html',
  'app.intercom.com': 'intercom.html',
  'acme.freshdesk.com': 'freshdesk.html',
  'support.example.org': 'generic-textarea.html',
  'tools.example.org': 'generic-editable.html',
};

let built: Promise<void> | null = null; // once per test file
export function buildPages(): Promise<void> {
  return (built ??= build({
    entryPoints: ['ckeditor', 'prosemirror', 'froala', 'plain'].map((n) => join(PAGES, `${n}.ts`)),
    outdir: OUT, bundle: true, format: 'iife', minify: true, logLevel: 'error', loader: { '.css': 'css' },
  }).then(() => undefined));
}

export interface Browser { ctx: BrowserContext; sw: Worker; extensionId: string; close(): Promise<void>; }

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('dist/chrome is missing: run npm run build');
  await buildPages();
  const ext = testCopy();
  const profile = mkdtempSync(join(tmpdir(), 'tact-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1100, height: 800 },
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', ...(process.env.TACT_EXTRA_ARGS ?? '').split(' ').filter(Boolean)],
  });
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:') return route.continue();
    const page = SITES[url.hostname];
    if (!page) return route.abort();
    const file = /\.(js|css|woff2?|ttf|svg)$/.test(url.pathname) ? join(OUT, url.pathname) : join(PAGES, page);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream';
    return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': type } });
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  return {
    ctx, sw, extensionId,
    async close() { await ctx.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Turn the generic adapter on for the fixture sites, as the popup does, and wait for the registration. */
export async function enableGenericSites(b: Browser): Promise<void> {
  await b.sw.evaluate(async (hosts) => {
    await chrome.storage.local.set({ settings: { sites: hosts.map((h: string) => `https://${h}`) } });
  }, GENERIC_HOSTS);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ids = await b.sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
    if (GENERIC_HOSTS.every((h) => ids.includes(`site:https://${h}`))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the generic sites were not registered');
}

export async function openSite(b: Browser, host: string, path = '/'): Promise<Page> {
  const page = await b.ctx.newPage();
  await page.goto(`https://${host}${path}`);
  await page.waitForFunction(() => (window as any).editorReady === true, null, { timeout: 20_000 });
  return page;
}

/** The text the editor's own model holds (CKEditor model, ProseMirror doc, Froala html, field value). */
export const modelText = (page: Page) => page.evaluate(() => (window as any).modelText() as string);

/** Text of every range in Tact's highlights (what is underlined right now). */
export const highlighted = (page: Page) => page.evaluate(() => {
  const out: string[] = [];
  for (const name of ['tact-info', 'tact-warning', 'tact-error']) {
    const h = (CSS as any).highlights.get(name);
    if (h) for (const r of h) out.push((r as Range).toString());
  }
  // textareas: Tact's underline boxes (ranges cannot point into a textarea)
  const boxes = document.querySelector('tact-ui')?.shadowRoot?.querySelectorAll('[data-tact-underline]') ?? [];
  for (const b of Array.from(boxes)) out.push(b.getAttribute('data-tact-underline')!);
  return [...new Set(out)].sort();
});

export const badgeCount = (page: Page) => page.evaluate(() => {
  const host = document.querySelector('tact-ui');
  const b = host?.shadowRoot?.querySelector('[data-tact-badge]');
  return b ? Number(b.textContent) : 0;
});

/** A point inside the flagged word: from the text node (rich editors) or Tact's underline box (textareas). */
export const pointInside = (page: Page, editor: string, word: string) => page.evaluate(([sel, w]) => {
  const el = document.querySelector(sel)!;
  if (el instanceof HTMLTextAreaElement) {
    const boxes = Array.from(document.querySelector('tact-ui')?.shadowRoot?.querySelectorAll('[data-tact-underline]') ?? []);
    const b = boxes.find((x) => x.getAttribute('data-tact-underline')!.includes(w));
    if (!b) return null;
    const q = b.getBoundingClientRect();
    return { x: q.x + q.width / 2, y: q.y - 6 };
  }
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.textContent!.indexOf(w);
    if (i >= 0) { const r = document.createRange(); r.setStart(n, i + 2); r.setEnd(n, i + 3); const q = r.getBoundingClientRect(); return { x: q.x + 1, y: q.y + q.height / 2 }; }
  }
  return null;
}, [editor, word] as const);
