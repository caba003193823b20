/**
 * Launches Debian's Chromium with the built extension (dist/chrome) through playwright-core,
 * and serves the fixture pages under the real hosts' names (zendesk.com, mail.google.com...):
 * requests are answered by Playwright's router, so the browser's own content-script matching
 * decides where Tact runs, exactly as on the real sites. Nothing leaves the machine.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { inflateSync } from 'node:zlib';
// @ts-expect-error: a plain ES module shared with the demo and the benchmark
import { launch as launchBrowser, GENERIC_HOSTS } from '../../scripts/browser.mjs';

export { GENERIC_HOSTS };
export interface Browser { ctx: BrowserContext; sw: Worker; extensionId: string; close(): Promise<void>; }
export const launch = (opts: { key?: string } = {}): Promise<Browser> => launchBrowser(opts);

/** Turn the generic adapter on for the fixture sites, as the popup does, and wait for the registration. */
export async function enableGenericSites(b: Browser): Promise<void> {
  await b.sw.evaluate(async (hosts) => {
    await chrome.storage.local.set({ settings: { sites: hosts.map((h: string) => `https://${h}`) } });
  }, GENERIC_HOSTS);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ids = await b.sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
    if ((GENERIC_HOSTS as string[]).every((h) => ids.includes(`site:https://${h}`))) return;
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

/** Pixels within 40 of an RGB colour in a PNG screenshot (8-bit RGB or RGBA, not interlaced). */
export function countColour(png: Buffer, [r, g, b]: [number, number, number]): number {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos), type = png.toString('ascii', pos + 4, pos + 8), data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); channels = data[9] === 6 ? 4 : 3; }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0, up = y ? out[(y - 1) * stride + x]! : 0, c = x >= channels && y ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + up - c, pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
      const pred = f === 1 ? a : f === 2 ? up : f === 3 ? (a + up) >> 1 : f === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? up : c) : 0;
      out[y * stride + x] = (v + pred) & 255;
    }
  }
  let n = 0;
  for (let i = 0; i < out.length; i += channels) if (Math.abs(out[i]! - r) < 40 && Math.abs(out[i + 1]! - g) < 40 && Math.abs(out[i + 2]! - b) < 60) n++;
  return n;
}
