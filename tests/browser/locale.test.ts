/**
 * The extension's own UI follows the browser's language: Chromium started in Arabic and in
 * Russian shows the options page, the popup and the popover in that language, right-to-left
 * for Arabic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';
import { highlighted, openSite, type Browser } from './harness.js';
// @ts-expect-error: a plain ES module shared with the demo and the benchmark
import { launch } from '../../scripts/browser.mjs';

const msgs = (l: string) => JSON.parse(readFileSync(join(ROOT, '_locales', l, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
let b: Browser | null = null;
afterEach(async () => { await b?.close(); b = null; });

describe('localized UI', () => {
  it('Arabic: options page and popover in Arabic, right to left', async () => {
    const ar = msgs('ar');
    b = (await launch({ extraArgs: ['--lang=ar'] })) as Browser;
    const opt = await b.ctx.newPage();
    await opt.goto(`chrome-extension://${b.extensionId}/options.html`);
    await opt.waitForSelector('main');
    expect(await opt.textContent('h1')).toBe(ar.optionsTitle!.message);
    expect(await opt.getAttribute('main', 'dir')).toBe('rtl');
    expect(await opt.textContent('body')).toContain(ar.optCategories!.message);
    const page = await openSite(b, 'app.intercom.com', '/a/inbox/3');
    await page.click('.ProseMirror');
    await page.keyboard.type('We apologize for any inconvenience.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringMatching(/apologize/));
    await page.keyboard.press('Alt+Shift+J');
    const dialog = page.getByRole('dialog', { name: ar.popoverLabel!.message });
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(true);
    expect(await dialog.textContent()).toContain(ar.ignore!.message);
  });

  it('Russian: the popup in Russian', async () => {
    const ru = msgs('ru');
    b = (await launch({ extraArgs: ['--lang=ru'] })) as Browser;
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/3');
    await page.bringToFront();
    const tabId = await b.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
    const popup = await b.ctx.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid=site-toggle]');
    expect(await popup.textContent('body')).toContain(ru.popupOnSite!.message);
    expect(await popup.getAttribute('main', 'dir')).toBe('ltr');
  });
});
