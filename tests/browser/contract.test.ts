/**
 * One contract, every adapter and editor: in a real Chromium with the built extension, on pages
 * running the real editor libraries, typed into with real key events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeCount, enableGenericSites, pointInside, highlighted, launch, modelText, openSite, type Browser } from './harness.js';

const CASES = [
  { name: 'Zendesk (CKEditor 5)', host: 'acme.zendesk.com', path: '/agent/tickets/1042', editor: '.ck-editor__editable' },
  { name: 'Intercom (ProseMirror)', host: 'app.intercom.com', path: '/a/inbox/1', editor: '.ProseMirror' },
  // Froala's Ctrl+Z does not undo even native typing in this headless fixture (its keydown
  // handler never runs the undo); its own undo API is used to check the change is on its stack.
  { name: 'Freshdesk (Froala)', host: 'acme.freshdesk.com', path: '/a/tickets/7', editor: '.fr-element', undo: () => (window as any).editor.undo.run() },
  { name: 'Gmail (plain contenteditable)', host: 'mail.google.com', path: '/mail/u/0/', editor: '#composer' },
  { name: 'Outlook on the web (roosterjs)', host: 'outlook.office.com', path: '/mail/0/deeplink/compose', editor: '#composer' },
  { name: 'generic adapter, contenteditable', host: 'tools.example.org', path: '/', editor: '#composer' },
  { name: 'generic adapter, textarea', host: 'support.example.org', path: '/contact', editor: '#composer' },
];

let b: Browser;
beforeAll(async () => { b = await launch(); await enableGenericSites(b); }, 90_000);
afterAll(async () => { await b?.close(); });

const FLAGGED = 'apologize for any inconvenience';

async function typeReply(page: Page, editor: string, text: string) {
  await page.click(editor);
  await page.keyboard.type(text, { delay: 5 });
}

async function waitHighlight(page: Page, part: string) {
  await expect.poll(async () => (await highlighted(page)).some((h) => h.includes(part)), { timeout: 5000 }).toBe(true);
}

describe.each(CASES as { name: string; host: string; path: string; editor: string; undo?: () => void }[])('$name', ({ host, path, editor, undo }) => {
  let page: Page;
  beforeAll(async () => { page = await openSite(b, host, path); }, 60_000);
  afterAll(async () => { await page?.close(); });

  it('flags as you type, without touching the editor DOM', async () => {
    await typeReply(page, editor, 'Hi Ann, we apologize for any inconvenience. The refund is on its way.');
    await waitHighlight(page, FLAGGED);
    expect(await badgeCount(page)).toBeGreaterThanOrEqual(1);
    const html = await page.$eval(editor, (el) => el.innerHTML);
    expect(html).not.toMatch(/tact/i);
    expect(await modelText(page)).toBe('Hi Ann, we apologize for any inconvenience. The refund is on its way.');
  });

  it('opens the popover on the flagged text and applies an alternative through the editor (one undo restores it)', async () => {
    const before = await modelText(page);
    const flagged = (await highlighted(page)).find((h) => h.includes(FLAGGED))!;
    // click inside the flagged words
    const box = await pointInside(page, editor, 'inconvenience');
    expect(box).not.toBeNull();
    await page.mouse.click(box!.x, box!.y);
    const dialog = page.getByRole('dialog', { name: 'Tact suggestion' });
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(true);
    const option = dialog.getByRole('option').first();
    const suggestion = (await option.textContent())!;
    await option.click();
    const expected = before.replace(flagged, suggestion);
    await expect.poll(() => modelText(page), { timeout: 3000 }).toBe(expected);
    expect(await dialog.isVisible()).toBe(false);
    // the editor still has focus, and one undo restores the original
    if (undo) await page.evaluate(undo); else await page.keyboard.press('Control+z');
    await expect.poll(() => modelText(page), { timeout: 3000 }).toBe(before);
    await waitHighlight(page, FLAGGED);
  });

  it('typing continues with no lost or duplicated characters, and the highlight follows edits', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Thanks for waiting!', { delay: 5 });
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Hello. ', { delay: 5 });
    await expect.poll(() => modelText(page), { timeout: 3000 })
      .toBe('Hello. Hi Ann, we apologize for any inconvenience. The refund is on its way. Thanks for waiting!');
    await waitHighlight(page, FLAGGED);
    for (const h of await highlighted(page)) expect(h.length).toBeGreaterThan(0);
    const html = await page.$eval(editor, (el) => el.innerHTML);
    expect(html).not.toMatch(/tact/i);
  });

  it('Escape closes the popover opened from the keyboard; focus stays in the editor', async () => {
    await page.keyboard.press('Alt+Shift+J');
    const dialog = page.getByRole('dialog', { name: 'Tact suggestion' });
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(false);
    const focused = await page.evaluate((sel) => document.querySelector(sel)!.contains(document.activeElement) || document.activeElement === document.querySelector(sel), editor);
    expect(focused).toBe(true);
  });
});
