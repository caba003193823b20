/**
 * Admin policy, for real: a Chromium managed-policy file (/etc/chromium/policies/managed/, as an
 * admin's configuration management would write it) with a "3rdparty" section for the extension.
 * Chromium reads it at start-up, validates it against managed_schema.json and hands it to
 * storage.managed; Tact must obey it, show the locks, and report the parts that are wrong.
 *
 * Policy applies per extension id, and other browser tests run in parallel with the pinned id, so
 * this test gives its copy of the build its own key (hence its own id): same code, same manifest
 * otherwise. The README's sample policy is the same document for the real pinned id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';
import { highlighted, launch, openSite, type Browser } from './harness.js';

const DIR = '/etc/chromium/policies/managed';
const canWrite = (() => {
  try { mkdirSync(DIR, { recursive: true }); accessSync(DIR, constants.W_OK); return true; } catch { return false; }
})();

/** Chrome's extension id for a public key: sha256 of the DER key, first 32 hex digits as a-p. */
export function idForKey(der: Buffer): string {
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const PACK = `name: Acme escalations
rules:
  - id: en.deflection.acme-raise-a-ticket
    phrases: ["(please|kindly) (raise|open|log) a [new] ticket"]
    why: Asking the customer to file another ticket sends them away; open it for them.
    suggestions: ["I've opened a ticket for you"]
    examples:
      flag: [{ text: "Please raise a ticket for that.", span: "Please raise a ticket", becomes: "I've opened a ticket for you for that." }]
      pass: ["I raised a ticket for you."]
`;

// one policy with good and bad parts: the good parts must apply, the bad ones be reported
export const SAMPLE_POLICY = {
  categories: { sarcasm: false, cliche: true },
  disabledRules: ['en.blame.you-failed-to', 'not a rule id'],
  lang: 'klingon',
  minSeverity: 'warning',
  hosts: { gmail: false },
  teamPhrases: [{ lang: 'en', category: 'cliche', phrase: '(as per|per) our policy', suggestions: ['because'], why: 'Acme: explain the reason, not the policy.' }],
  teamPacks: [{ name: 'Acme escalations', yaml: PACK }],
};

let b: Browser;
let policyFile = '';
let id = '';

describe.skipIf(!canWrite)('admin policy in Chromium (/etc/chromium/policies/managed)', () => {
  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
    id = idForKey(der);
    policyFile = join(DIR, `tact-test-${id}.json`);
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: SAMPLE_POLICY } } }, null, 2));
    b = await launch({ key: der.toString('base64') });
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    if (policyFile && existsSync(policyFile)) rmSync(policyFile);
  });

  it('the extension has the id the policy names, and Chromium hands it the policy', async () => {
    expect(b.extensionId).toBe(id);
    const managed = await b.sw.evaluate(() => chrome.storage.managed.get(null));
    expect(managed).toMatchObject({ categories: { sarcasm: false, cliche: true }, lang: 'klingon', minSeverity: 'warning' });
  });

  it('options show the locks, the policy problems, the pushed phrases and pack; the agent cannot unlock', async () => {
    const page = await b.ctx.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    await page.waitForSelector('[data-testid=managed]');
    const problems = await page.textContent('[data-testid=problems]');
    expect(problems).toContain('policy.lang: expected auto or one of');
    expect(problems).toContain('"not a rule id" is not a rule id');
    // locked: the two categories the policy sets, severity, hosts; not the others
    expect(await page.isDisabled('[data-testid=cat-sarcasm] input')).toBe(true);
    expect(await page.isChecked('[data-testid=cat-sarcasm] input')).toBe(false);
    expect(await page.locator('[data-testid=cat-sarcasm] [data-testid=lock]').count()).toBe(1);
    expect(await page.isDisabled('[data-testid=cat-cliche] input')).toBe(true);
    expect(await page.isDisabled('[data-testid=cat-blame] input')).toBe(false);
    expect(await page.isDisabled('[data-testid=severity]')).toBe(true);
    expect(await page.inputValue('[data-testid=severity]')).toBe('warning');
    expect(await page.isDisabled('[data-testid=lang]')).toBe(false); // the invalid lang was not applied or locked
    expect(await page.isDisabled('[data-testid=host-gmail]')).toBe(true);
    expect(await page.isChecked('[data-testid=host-gmail]')).toBe(false);
    // a rule the policy turned off is off and locked
    await page.fill('[data-testid=rule-search]', 'en.blame.you-failed-to');
    const row = page.locator('[data-rule="en.blame.you-failed-to"]');
    expect(await row.locator('input').isChecked()).toBe(false);
    expect(await row.locator('input').isDisabled()).toBe(true);
    // pushed team phrase and pack are listed, locked, and work in the try-it box
    expect(await page.textContent('[data-testid=team-phrases]')).toContain('(as per|per) our policy');
    await expect.poll(() => page.textContent('[data-testid=team-packs]'), { timeout: 10_000 }).toContain('Acme escalations: 1 rules');
    await page.fill('[data-testid=try]', 'As per our policy, please raise a ticket. Great, just great.');
    await expect.poll(() => page.textContent('[data-testid=try-findings]'), { timeout: 5000 }).toContain('As per our policy');
    expect(await page.textContent('[data-testid=try-findings]')).toContain('raise a ticket');
    // the agent changes a locked category in storage directly: the policy still wins
    await b.sw.evaluate(() => chrome.storage.local.set({ settings: { categories: { sarcasm: true } }, settingsArea: 'local' }));
    await page.reload();
    await page.waitForSelector('[data-testid=managed]');
    expect(await page.isChecked('[data-testid=cat-sarcasm] input')).toBe(false);
    await page.close();
  });

  it('in the help desk: policy categories, severity, team phrases and packs apply; a host turned off stays off', async () => {
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/4');
    await page.click('.ck-editor__editable');
    await page.keyboard.type('As per our policy, please raise a ticket. Oh great, just great, another genius request.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([
      expect.stringMatching(/^As per our policy$/i),
      expect.stringMatching(/please raise a ticket/i),
    ]));
    const h = await highlighted(page);
    expect(h.some((x) => /great, just great|genius/i.test(x))).toBe(false); // sarcasm is off by policy
    await page.close();
    const gmail = await openSite(b, 'mail.google.com', '/mail/u/0/');
    await gmail.click('#composer');
    await gmail.keyboard.type('We apologize for any inconvenience.', { delay: 2 });
    await new Promise((r) => setTimeout(r, 800));
    expect(await highlighted(gmail)).toEqual([]);
    expect(await gmail.evaluate(() => document.querySelector('tact-ui'))).toBeNull();
    await gmail.close();
  });

  it('the README shows this policy for the real pinned id', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    const pinned = idForKey(Buffer.from(manifest.key, 'base64'));
    const block = /```json policy\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has a ```json policy block').toBeDefined();
    const doc = JSON.parse(block!);
    expect(Object.keys(doc['3rdparty'].extensions)).toEqual([pinned]);
  });
});
