/**
 * The options page and the toolbar popup, in the real Chromium with the built extension: what an
 * agent or a team's rule maintainer does there, and that the help-desk page follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers.js';
import { badgeCount, highlighted, launch, openSite, type Browser } from './harness.js';

let b: Browser;
let opt: Page;
const dir = mkdtempSync(join(tmpdir(), 'tact-options-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const stored = () => b.sw.evaluate(async () => ({ sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) }));
/** The agent's settings as the extension stored them (sync chunks joined, or the local copy). */
const userSettings = async () => {
  const s = await stored();
  const n = Number(s.sync['settings.n']);
  if (s.local.settingsArea !== 'local' && n > 0) return JSON.parse(Array.from({ length: n }, (_, i) => s.sync[`settings.${i}`]).join(''));
  return s.local.settings;
};

beforeAll(async () => {
  b = await launch();
  opt = await b.ctx.newPage();
  await opt.goto(`chrome-extension://${b.extensionId}/options.html`);
  await opt.waitForSelector('[data-testid=rules]');
}, 90_000);
afterAll(async () => { await b?.close(); });

describe('options page', () => {
  it('turning a category off is saved to sync storage and the help desk follows', async () => {
    expect(await opt.textContent('[data-testid=sync-state]')).toContain('sync across your browsers');
    await opt.uncheck('[data-testid=cat-cliche] input');
    await expect.poll(async () => (await userSettings())?.categories?.cliche, { timeout: 5000 }).toBe(false);
    expect(Number((await stored()).sync['settings.n'])).toBeGreaterThan(0);
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/5');
    await page.click('.ck-editor__editable');
    await page.keyboard.type('We apologize for any inconvenience. You failed to attach the file.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringMatching(/You failed to/i));
    expect((await highlighted(page)).some((h) => /apologize/i.test(h))).toBe(false);
    await opt.check('[data-testid=cat-cliche] input');
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringMatching(/apologize for any inconvenience/i));
    await page.close();
  });

  it('rules are searchable with their why and examples, and can be turned off one by one', async () => {
    await opt.fill('[data-testid=rule-search]', 'you-failed-to');
    const row = opt.locator('[data-rule="en.blame.you-failed-to"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Telling the customer what they failed to do/);
    expect(await row.textContent()).toMatch(/Flags:/);
    await row.locator('input').uncheck();
    await expect.poll(async () => (await userSettings())?.disabledRules, { timeout: 5000 }).toContain('en.blame.you-failed-to');
    await row.locator('input').check();
    await expect.poll(async () => (await userSettings())?.disabledRules, { timeout: 5000 }).not.toContain('en.blame.you-failed-to');
    await opt.fill('[data-testid=rule-search]', '');
  });

  it('a team phrase is validated, added, and flagged in the try-it box', async () => {
    await opt.fill('[data-testid=phrase]', '(as per|per) our (policy');
    await opt.fill('[data-testid=phrase-suggestions]', 'because');
    await opt.click('[data-testid=phrase-add]');
    await expect.poll(() => opt.textContent('[data-testid=msg]')).toContain('This phrase cannot be used');
    await opt.fill('[data-testid=phrase]', '(as per|per) our policy');
    await opt.click('[data-testid=phrase-add]');
    await expect.poll(() => opt.textContent('[data-testid=team-phrases]'), { timeout: 5000 }).toContain('(as per|per) our policy');
    await opt.fill('[data-testid=try]', 'As per our policy, refunds take 5 days.');
    await expect.poll(() => opt.textContent('[data-testid=try-findings]')).toContain('As per our policy');
  });

  it('a team rule pack loads from a file; a broken one is refused with its line', async () => {
    await opt.setInputFiles('[data-testid=pack-file]', join(ROOT, 'examples/team-packs/acme.yaml'));
    await expect.poll(() => opt.textContent('[data-testid=msg]'), { timeout: 5000 }).toContain('Loaded the pack "acme" with 1 rules');
    await expect.poll(() => opt.textContent('[data-testid=team-packs]'), { timeout: 10_000 }).toContain('acme: 1 rules');
    await opt.fill('[data-testid=try]', 'Please raise a ticket for that.');
    await expect.poll(() => opt.textContent('[data-testid=try-findings]'), { timeout: 5000 }).toContain('Please raise a ticket');
    const broken = readFileSync(join(ROOT, 'examples/team-packs/acme.yaml'), 'utf8').replace('becomes: "I\'ve opened a ticket for you for that."', 'becomes: "nope"');
    await opt.setInputFiles('[data-testid=pack-file]', file('broken.yaml', broken));
    await expect.poll(() => opt.textContent('[data-testid=msg]'), { timeout: 5000 }).toMatch(/The pack "broken" was not loaded[\s\S]*line \d+: .*after applying suggestion 1/);
    // in the help desk too (compiled once by the background page)
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/6');
    await page.click('.ck-editor__editable');
    await page.keyboard.type('Please raise a ticket for the refund.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual('Please raise a ticket');
    await page.close();
  });

  it('exports, imports (reporting what it could not use) and resets', async () => {
    const [download] = await Promise.all([opt.waitForEvent('download'), opt.click('[data-testid=export]')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.tact).toBe(1);
    expect(exported.settings.teamPhrases[0].phrase).toBe('(as per|per) our policy');
    await opt.setInputFiles('[data-testid=import-file]', file('mine.json', JSON.stringify({ tact: 1, settings: { lang: 'ru', minSeverity: 'loud', surprise: true } })));
    await expect.poll(() => opt.textContent('[data-testid=msg]'), { timeout: 5000 }).toContain('Imported 1 settings');
    expect(await opt.textContent('[data-testid=msg]')).toMatch(/minSeverity: expected one of[\s\S]*surprise: unknown setting/);
    await expect.poll(() => opt.inputValue('[data-testid=lang]')).toBe('ru');
    // import replaces: the exported file brings the phrases back
    await opt.setInputFiles('[data-testid=import-file]', file('back.json', JSON.stringify(exported)));
    await expect.poll(() => opt.textContent('[data-testid=team-phrases]'), { timeout: 5000 }).toContain('our policy');
    await opt.setInputFiles('[data-testid=import-file]', file('junk.json', '{not json'));
    await expect.poll(() => opt.textContent('[data-testid=msg]')).toContain('junk.json is not a settings file');
    opt.once('dialog', (d) => void d.accept());
    await opt.click('[data-testid=reset]');
    await expect.poll(() => opt.textContent('[data-testid=msg]')).toContain('back to the defaults');
    await expect.poll(async () => (await opt.textContent('[data-testid=team-phrases]'))?.trim()).toBe('');
    expect(await opt.inputValue('[data-testid=lang]')).toBe('auto');
  });

  it('settings too big for sync stay on this browser, with a notice', async () => {
    const pack = readFileSync(join(ROOT, 'examples/team-packs/acme.yaml'), 'utf8') + `# ${'padding '.repeat(14_000)}\n`;
    await opt.setInputFiles('[data-testid=pack-file]', file('big.yaml', pack));
    await expect.poll(() => opt.textContent('body'), { timeout: 5000 }).toMatch(/kept on this browser only/);
    const s = await stored();
    expect(s.local.settingsArea).toBe('local');
    expect((s.local.settings as { teamPacks: { name: string }[] }).teamPacks[0]!.name).toBe('big');
    // and they still apply
    await opt.fill('[data-testid=try]', 'Kindly open a ticket.');
    await expect.poll(() => opt.textContent('[data-testid=try-findings]'), { timeout: 10_000 }).toContain('Kindly open a ticket');
    opt.once('dialog', (d) => void d.accept());
    await opt.click('[data-testid=reset]');
    await expect.poll(async () => (await stored()).local.settingsArea, { timeout: 5000 }).toBe('sync');
  });
});

describe('toolbar popup', () => {
  it('shows the findings count of the focused reply and turns the site off and on', async () => {
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/7');
    await page.click('.ck-editor__editable');
    await page.keyboard.type('We apologize for any inconvenience. You failed to attach it.', { delay: 2 });
    await expect.poll(() => badgeCount(page), { timeout: 5000 }).toBe(2);
    await page.bringToFront();
    const tabId = await b.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
    const popup = await b.ctx.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.textContent('[data-testid=count]'), { timeout: 5000 }).toContain('Findings in the focused reply: 2');
    expect(await popup.textContent('body')).toContain('Built-in support for Zendesk');
    await popup.uncheck('[data-testid=site-toggle]');
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toEqual([]);
    await popup.check('[data-testid=site-toggle]');
    await page.click('.ck-editor__editable');
    await page.keyboard.type(' ', { delay: 2 });
    await expect.poll(() => badgeCount(page), { timeout: 5000 }).toBe(2);
    await popup.close();
    await page.close();
  });
});
