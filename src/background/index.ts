/**
 * Background (Chrome: service worker; Firefox: event page). Keeps the generic adapter's sites
 * registered as content scripts: the agent turns a site on from the popup (which asks for that
 * origin's permission on the click), and the script is injected right away and on later visits.
 */
import browser from 'webextension-polyfill';
import { originOf } from '../shared/settings.js';
import { loadSettings, onSettingsChanged } from '../shared/store.js';
import { compileTeamPack } from '../rules/pack.js';
import ruleIds from '../generated/rule-ids.json';
import type { CompiledRule } from '../engine/types.js';

const SCRIPT = { js: ['content.js'], css: ['content.css'], allFrames: true, runAt: 'document_idle' as const };
const idFor = (origin: string) => `site:${origin}`;

async function settings() {
  return (await loadSettings()).settings;
}

const builtinIds = new Set(ruleIds as string[]);

/**
 * Team rule packs (the agent's and the admin's) are compiled here, once per change, not in every
 * tab: the result (rules that compiled and passed their examples, and every error) goes to
 * storage.local.teamRules for the content scripts and the options page.
 */
async function compilePacks() {
  const s = await settings();
  const key = JSON.stringify(s.teamPacks.map((p) => [p.name, p.yaml]));
  const prev = ((await browser.storage.local.get('teamRules').catch(() => ({}))) as Record<string, unknown>).teamRules as { key?: string } | undefined;
  if (prev?.key === key) return;
  const rules: CompiledRule[] = [];
  const errors: string[] = [];
  for (const p of s.teamPacks) {
    try {
      const r = compileTeamPack(p.name, p.yaml, builtinIds);
      rules.push(...r.rules.filter((x) => !rules.some((y) => y.id === x.id)));
      errors.push(...r.errors);
    } catch (e) {
      errors.push(`team pack "${p.name}": ${(e as Error).message}`);
    }
  }
  await browser.storage.local.set({ teamRules: { key, rules, errors, packs: s.teamPacks.length } });
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
  if (msg?.type === 'tact:compile-packs') return compilePacks().then(() => ({ ok: true }));
  return undefined;
});

const warn = (e: unknown) => console.warn('[Tact]', e);
const refresh = () => { void syncRegistrations().catch(warn); void compilePacks().catch(warn); };
browser.runtime.onInstalled.addListener(refresh);
browser.runtime.onStartup?.addListener(refresh);
onSettingsChanged(refresh);
refresh();
