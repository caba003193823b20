/**
 * Situation playbooks in the page: the adapter reads the customer's latest message from the
 * thread, the card appears by the composer, a starter sentence goes in through the editor's own
 * input path (one undo removes it), and the reply checks for that situation run. On sites whose
 * thread Tact can't read, the agent pastes the message into the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enableGenericSites, highlighted, launch, modelText, openSite, type Browser } from './harness.js';

let b: Browser;
beforeAll(async () => { b = await launch(); }, 90_000);
afterAll(async () => { await b?.close(); });

const card = (page: Page) => page.evaluate(() => {
  const el = document.querySelector('tact-ui')?.shadowRoot?.querySelector('[data-tact-card]');
  return el ? { situation: el.getAttribute('data-tact-card'), text: el.textContent ?? '', starters: [...el.querySelectorAll('[data-tact-starter]')].map((x) => x.getAttribute('data-tact-starter')!) } : null;
});
const clickStarter = (page: Page, i: number) => page.evaluate((k) => {
  const btn = document.querySelector('tact-ui')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-tact-starter]')[k]!;
  btn.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  btn.click();
}, i);
const setInbound = (page: Page, text: string) => page.evaluate((t) => { document.getElementById('inbound')!.textContent = t; }, text);

const LEGAL = 'This is the third time you have charged me twice. If the money is not back by Friday, I will take legal action against your company.';

const HOSTS: [string, string, string][] = [
  ['Zendesk (CKEditor 5)', 'acme.zendesk.com', '/agent/tickets/11'],
  ['Gmail (contenteditable)', 'mail.google.com', '/mail/u/0/'],
  ['Intercom (ProseMirror)', 'app.intercom.com', '/a/inbox/11'],
  ['Outlook on the web (roosterjs)', 'outlook.office.com', '/mail/inbox'],
];

describe.each(HOSTS)('%s', (_name, host, path) => {
  it('no card for an ordinary message; a legal threat shows its card with the evidence', async () => {
    const page = await openSite(b, host, path);
    const editor = host === 'acme.zendesk.com' ? '.ck-editor__editable' : host === 'app.intercom.com' ? '.ProseMirror' : '#composer';
    await page.click(editor);
    await page.keyboard.type('Hi Sam,', { delay: 5 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await card(page)).toBeNull();
    await setInbound(page, LEGAL);
    await expect.poll(() => card(page), { timeout: 5000 }).toMatchObject({ situation: 'legal-threat' });
    const c = (await card(page))!;
    expect(c.text).toContain('Legal threat');
    expect(c.text).toMatch(/legal action/i); // the evidence from the customer's message
    expect(c.starters.length).toBeGreaterThan(0);

    // a starter goes in at the caret, through the editor; one undo takes it out again
    await page.keyboard.press('Enter');
    // a pause, as a person makes: editors group edits made in quick succession into one undo step
    await new Promise((r) => setTimeout(r, 700));
    const before = await modelText(page);
    await clickStarter(page, 0);
    await expect.poll(() => modelText(page), { timeout: 5000 }).toContain(c.starters[0]!.slice(0, 30));
    expect(await modelText(page)).toContain('Hi Sam,');
    await page.keyboard.press('Control+z');
    await expect.poll(() => modelText(page), { timeout: 5000 }).toBe(before);

    // the situation's own reply check: admitting fault after a legal threat
    await page.keyboard.type(' I am so sorry, it was entirely our fault.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringMatching(/our fault/));
    // back to an ordinary message: the card and the situational finding go
    await setInbound(page, 'Thanks, that answers my question.');
    await expect.poll(() => card(page), { timeout: 5000 }).toBeNull();
    await expect.poll(async () => (await highlighted(page)).some((h) => /our fault/.test(h)), { timeout: 5000 }).toBe(false);
    await page.close();
  });
});

describe('generic site: the customer message pasted in the popup', () => {
  it('the popup takes the message, the card appears by the composer', async () => {
    await enableGenericSites(b);
    const page = await openSite(b, 'support.example.org', '/');
    await page.click('#composer');
    await page.keyboard.type('Hello,', { delay: 5 });
    await page.bringToFront();
    const tabId = await b.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
    const popup = await b.ctx.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid=customer]');
    await popup.fill('[data-testid=customer]', LEGAL);
    await popup.click('[data-testid=customer-apply]');
    await expect.poll(() => popup.textContent('[data-testid=situation]'), { timeout: 5000 }).toContain('Legal threat');
    await expect.poll(() => card(page), { timeout: 5000 }).toMatchObject({ situation: 'legal-threat' });
    await popup.close();
    await page.close();
  });
});
