/**
 * Background (Chrome: service worker; Firefox: event page). Keeps the generic adapter's sites
 * registered as content scripts: the agent turns a site on from the popup (which asks for that
 * origin's permission on the click), and the script is injected right away and on later visits.
 */
import browser from 'webextension-polyfill';
import { merge, originOf } from '../shared/settings.js';

const SCRIPT = { js: ['content.js'], css: ['content.css'], allFrames: true, runAt: 'document_idle' as const };
const idFor = (origin: string) => `site:${origin}`;

async function settings() {
  const [local, managed] = await Promise.all([
    browser.storage.local.get('settings').catch(() => ({} as Record<string, unknown>)),
    browser.storage.managed?.get(null).catch(() => ({})) ?? Promise.resolve({}),
  ]);
  return merge(local.settings, Object.keys(managed ?? {}).length ? managed : undefined).settings;
}

/** Register a content script for every enabled generic site we have permission for; drop the rest. */
async function syncRegistrations() {
  const s = await settings();
  const want = new Set<string>();
  for (const origin of s.enabled ? s.sites : []) {
    if (await browser.permissions.contains({ origins: [`${origin}/*`] })) want.add(origin);
  }
  const have = await browser.scripting.getRegisteredContentScripts();
  const stale = have.filter((r) => r.id.startsWith('site:') && !want.has(r.id.slice(5))).map((r) => r.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const fresh = [...want].filter((o) => !have.some((r) => r.id === idFor(o)));
  if (fresh.length) await browser.scripting.registerContentScripts(fresh.map((o) => ({ id: idFor(o), matches: [`${o}/*`], ...SCRIPT })));
}

browser.runtime.onMessage.addListener((msg: any) => {
  if (msg?.type === 'tact:site-enabled' && typeof msg.origin === 'string') {
    const origin = originOf(msg.origin);
    if (!origin) return Promise.resolve({ ok: false, error: 'not a web page' });
    return (async () => {
      await syncRegistrations();
      if (typeof msg.tabId === 'number') {
        // inject now into the open tab (the registration covers later visits)
        await browser.scripting.executeScript({ target: { tabId: msg.tabId, allFrames: true }, files: ['content.js'] }).catch(() => undefined);
        await browser.scripting.insertCSS({ target: { tabId: msg.tabId, allFrames: true }, files: ['content.css'] }).catch(() => undefined);
      }
      return { ok: true };
    })();
  }
  if (msg?.type === 'tact:sync') return syncRegistrations().then(() => ({ ok: true }));
  return undefined;
});

browser.runtime.onInstalled.addListener(() => { void syncRegistrations(); });
browser.runtime.onStartup?.addListener(() => { void syncRegistrations(); });
browser.storage.onChanged.addListener((_c, area) => { if (area === 'local' || area === 'managed') void syncRegistrations(); });
