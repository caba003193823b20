#!/usr/bin/env node
// npm start: Chromium with the built extension on a local demo page holding three host-like
// composers (Zendesk/CKEditor 5, Gmail/contenteditable, Intercom/ProseMirror). Headless (the
// default without a display) it types sample replies (the Zendesk one answers a legal threat,
// so its playbook card shows), opens a popover and writes
// demo-screenshot.png; with a display (or --headed) it leaves the browser open to try.
import { launch } from './browser.mjs';

const headed = process.argv.includes('--headed') || (!!process.env.DISPLAY && !process.argv.includes('--headless'));
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? 'demo-screenshot.png';
const b = await launch({ headless: !headed });
const page = await b.ctx.newPage();
await page.setViewportSize({ width: 1500, height: 920 });
await page.goto('https://demo.tact.test/');
const replies = {
  zendesk: ['.ck-editor__editable', 'Hello Mr. Okafor,\nWe apologize for any inconvenience. As I already said, it was entirely our fault. Please do not hesitate to contact us.'],
  gmail: ['#composer', 'Hi,\nPlease refer to our FAQ: https://help.example.com/hc/articles/reset-password\nThanks!'],
  intercom: ['.ProseMirror', 'You should have read the instructions before updating. Rest assured, your issue will be resolved shortly.'],
};
for (const [id, [sel, text]] of Object.entries(replies)) {
  const frame = page.frameLocator(`#${id}`);
  const f = page.frames().find((x) => x.url().includes(id === 'gmail' ? 'mail.google.com' : id === 'zendesk' ? 'zendesk.com' : 'intercom.com'));
  await f.waitForFunction(() => window.editorReady === true, null, { timeout: 20000 });
  // the customer's message in the Zendesk thread: a legal threat, so Tact shows its playbook card
  if (id === 'zendesk') await f.evaluate(() => { document.getElementById('inbound').textContent = 'Second time you charged me twice. Refund me by Friday or I will see you in court.'; });
  await frame.locator(sel).click();
  for (const line of text.split('\n')) {
    await page.keyboard.type(line, { delay: 2 });
    if (line !== text.split('\n').at(-1)) await page.keyboard.press('Enter');
  }
}
await page.waitForTimeout(400);
// open the popover in the Zendesk composer from the keyboard
await page.frameLocator('#zendesk').locator('.ck-editor__editable').click();
await page.keyboard.press('Control+Home');
await page.keyboard.press('Alt+Shift+J');
await page.waitForTimeout(400);
const zf = page.frames().find((x) => x.url().includes('zendesk.com'));
console.log('popover open:', await zf.evaluate(() => !!document.querySelector('tact-ui')?.shadowRoot?.querySelector('[role=dialog]')));
if (!headed) {
  await page.screenshot({ path: out });
  console.log(`wrote ${out}: three composers with Tact's underlines, an open popover and a playbook card`);
  await b.close();
} else {
  console.log('Chromium is open with Tact loaded; close the window to finish.');
  await new Promise((r) => b.ctx.on('close', r));
}
