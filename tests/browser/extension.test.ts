/**
 * The extension beyond the per-editor contract: composers that appear later, several at once,
 * Arabic (RTL popover), a 20,000-character paste, and the packaging (manifest, Firefox lint).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS } from '../../src/content/adapters/index.js';
import { ROOT } from '../helpers.js';
import { badgeCount, countColour, enableGenericSites, highlighted, launch, modelText, openSite, type Browser } from './harness.js';

let b: Browser;
beforeAll(async () => { b = await launch(); }, 90_000);
afterAll(async () => { await b?.close(); });

describe('in the page', () => {
  it('picks up a composer added after load (single-page apps) and tracks the focused one', async () => {
    const page = await openSite(b, 'mail.google.com', '/mail/u/0/');
    await page.evaluate(() => {
      const ap = document.createElement('div');
      ap.className = 'Ap';
      ap.innerHTML = '<div id="reply2" g_editable="true" contenteditable="true" role="textbox" style="min-height:80px;border:1px solid #ccc;margin-top:20px;width:600px"></div>';
      document.body.appendChild(ap);
    });
    await page.click('#reply2');
    await page.keyboard.type('Rest assured, we apologize for any inconvenience.', { delay: 5 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringContaining('apologize for any inconvenience'));
    // the first composer is still checked too
    await page.click('#composer');
    await page.keyboard.type('We apologize for any inconvenience caused.', { delay: 5 });
    await expect.poll(async () => (await highlighted(page)).filter((h) => h.includes('apologize for any inconvenience')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('checks an Arabic reply and lays the popover out right-to-left', async () => {
    const page = await openSite(b, 'app.intercom.com', '/a/inbox/2');
    await page.click('.ProseMirror');
    await page.keyboard.insertText('مرحبا أحمد، نعتذر عن أي إزعاج قد يكون سببه لكم هذا التأخير. الشحنة في الطريق.');
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringContaining('نعتذر'));
    await page.keyboard.press('Alt+Shift+J');
    const dialog = page.getByRole('dialog', { name: 'Tact suggestion' });
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(true);
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    const before = await modelText(page);
    await page.keyboard.press('Enter'); // applies the selected alternative
    await expect.poll(() => modelText(page), { timeout: 3000 }).not.toBe(before);
    expect(await modelText(page)).toContain('مرحبا أحمد،');
    await page.close();
  });

  it('takes a 20,000-character paste without breaking the editor, then keeps up with typing', async () => {
    const page = await openSite(b, 'acme.zendesk.com', '/agent/tickets/9');
    const log = Array.from({ length: 220 }, (_, i) => `2026-11-0${1 + (i % 9)}T12:00:${String(i % 60).padStart(2, '0')}Z worker-${i % 8} job=${i * 7919} status=ok path=/api/v2/sync/${i}`).join(' ');
    const big = `We apologize for any inconvenience. Here is the log you sent: ${log}`.slice(0, 20_000);
    await page.click('.ck-editor__editable');
    await page.keyboard.insertText(big);
    await expect.poll(() => highlighted(page), { timeout: 10_000 }).toContainEqual(expect.stringContaining('apologize for any inconvenience'));
    await page.keyboard.type(' Thanks!', { delay: 5 });
    await expect.poll(async () => (await modelText(page)).endsWith(' Thanks!'), { timeout: 5000 }).toBe(true);
    expect((await modelText(page)).length).toBe(big.length + ' Thanks!'.length);
    expect(await badgeCount(page)).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('Ignore hides that finding for that text and keeps it hidden while typing; other findings stay', async () => {
    const page = await openSite(b, 'app.intercom.com', '/a/inbox/3');
    await page.click('.ProseMirror');
    await page.keyboard.type('Rest assured, we apologize for any inconvenience.', { delay: 5 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringContaining('apologize for any inconvenience'));
    const before = (await highlighted(page)).length;
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Shift+J');
    const dialog = page.getByRole('dialog', { name: 'Tact suggestion' });
    await expect.poll(() => dialog.isVisible(), { timeout: 3000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Ignore' }).click();
    await expect.poll(async () => (await highlighted(page)).length, { timeout: 3000 }).toBe(before - 1);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Thanks!', { delay: 5 });
    await page.waitForTimeout(200);
    expect((await highlighted(page)).length).toBe(before - 1);
    expect(await modelText(page)).toBe('Rest assured, we apologize for any inconvenience. Thanks!');
    await page.close();
  });

  it('checks a composer inside an open shadow root and draws its underlines there', async () => {
    await enableGenericSites(b);
    const page = await openSite(b, 'shadow.example.org', '/');
    await page.click('reply-box #composer');
    await page.keyboard.type('Thanks for waiting. We apologize for any inconvenience caused.', { delay: 2 });
    await expect.poll(() => highlighted(page), { timeout: 5000 }).toContainEqual(expect.stringMatching(/apologize for any inconvenience/));
    // the underline is really drawn: orange pixels under the text inside the shadow root
    const box = (await page.locator('reply-box #composer').boundingBox())!;
    // the first line of text only (the count badge, also orange, sits at the bottom right)
    const shot = await page.screenshot({ clip: { x: box.x, y: box.y, width: box.width - 60, height: 40 } });
    expect(countColour(shot, [217, 119, 6])).toBeGreaterThan(20);
    expect(await modelText(page)).toBe('Thanks for waiting. We apologize for any inconvenience caused.');
    await page.close();
  });

  it('leaves password fields and opted-out editors alone', async () => {
    const page = await openSite(b, 'mail.google.com', '/mail/u/0/');
    await page.evaluate(() => {
      const ap = document.createElement('div');
      ap.className = 'Ap';
      ap.innerHTML = '<div id="optout" data-enable-grammarly="false" g_editable="true" contenteditable="true" style="min-height:60px;width:600px"></div>';
      document.body.appendChild(ap);
    });
    await page.click('#optout');
    await page.keyboard.type('We apologize for any inconvenience.', { delay: 5 });
    await page.waitForTimeout(400);
    expect(await highlighted(page)).toEqual([]);
    await page.close();
  });
});

describe('packaging', () => {
  it('manifest content-script matches are exactly the adapters’ hosts', () => {
    const m = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    expect([...m.content_scripts[0].matches].sort()).toEqual(ADAPTERS.flatMap((a) => a.matches).sort());
    expect(m.permissions.sort()).toEqual(['activeTab', 'scripting', 'storage']);
    expect(m.host_permissions).toBeUndefined();
  });

  it('the Chrome build has a service worker and a pinned id; the Firefox build has background scripts and a gecko id', () => {
    const c = JSON.parse(readFileSync(join(ROOT, 'dist/chrome/manifest.json'), 'utf8'));
    const f = JSON.parse(readFileSync(join(ROOT, 'dist/firefox/manifest.json'), 'utf8'));
    expect(c.background).toEqual({ service_worker: 'background.js' });
    expect(c.browser_specific_settings).toBeUndefined();
    expect(b.extensionId).toBe('dhjdhfnfckijkmlciekfjbanoaochhcb');
    expect(f.background).toEqual({ scripts: ['background.js'] });
    expect(f.browser_specific_settings.gecko.id).toBe('tact@tact-extension.org');
    expect(f.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('web-ext lint finds no errors in the Firefox build', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', join(ROOT, 'dist/firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(report.errors.map((e: any) => `${e.code}: ${e.message}`)).toEqual([]);
  }, 120_000);

  it('no remote code in the shipped scripts, no HTML-string sinks in Tact’s source', () => {
    for (const f of ['content.js', 'background.js', 'popup.js', 'options.js']) {
      const js = readFileSync(join(ROOT, 'dist/chrome', f), 'utf8');
      expect(js, f).not.toMatch(/https?:\/\/[^"'\s]*\.js/);
      expect(js, f).not.toMatch(/\beval\(|new Function\(/);
    }
    const files = spawnSync('git', ['ls-files', 'src'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim().split('\n');
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/);
    }
  });
});

