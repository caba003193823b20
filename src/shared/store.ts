/**
 * Where settings live. The agent's own settings sync across their browsers through
 * storage.sync, split into chunks that respect its per-item quota; when sync is missing, fails
 * or the settings outgrow its total quota (large team packs), they are kept in storage.local
 * and a notice says so. The admin's policy comes from storage.managed. Every caller (content
 * script, background, popup, options) reads and writes through here.
 */
import browser from 'webextension-polyfill';
import { merge, type Settings } from './settings.js';

/** Characters per sync item: 8,192 bytes a item, even if every character were escaped. */
const CHUNK = 1300;
/** Stay under storage.sync's 102,400-byte total with room for the index key. */
const SYNC_BUDGET = 90_000;
const PREFIX = 'settings.';

export type Area = 'sync' | 'local';
export interface Loaded extends ReturnType<typeof merge> {
  /** Where the agent's own settings are kept. */
  area: Area;
  /** Why they are not synced, when they are not. */
  notice: string | null;
  /** The agent's own settings as stored (before merging). */
  user: Record<string, unknown>;
  /** The admin's policy as read (empty when none). */
  policy: Record<string, unknown>;
}

const hasSync = () => !!(browser.storage as { sync?: unknown }).sync;

async function readPolicy(): Promise<Record<string, unknown>> {
  try {
    const m = await browser.storage.managed?.get(null);
    return m && typeof m === 'object' ? (m as Record<string, unknown>) : {};
  } catch {
    return {}; // no policy (Firefox without policies.json throws)
  }
}

async function readUser(): Promise<{ user: Record<string, unknown>; area: Area; notice: string | null }> {
  const local = await browser.storage.local.get(['settings', 'settingsArea', 'settingsNotice']).catch(() => ({} as Record<string, unknown>));
  const area: Area = local.settingsArea === 'local' || !hasSync() ? 'local' : 'sync';
  const notice = typeof local.settingsNotice === 'string' ? local.settingsNotice : null;
  if (area === 'local') return { user: obj(local.settings), area, notice: notice ?? (hasSync() ? null : 'This browser has no settings sync; settings are kept here.') };
  try {
    const all = await browser.storage.sync.get(null);
    const n = Number(all[`${PREFIX}n`]);
    if (!Number.isInteger(n) || n <= 0) {
      // nothing synced yet: settings from before sync (or none)
      return { user: obj(local.settings), area, notice };
    }
    let json = '';
    for (let i = 0; i < n; i++) json += String(all[`${PREFIX}${i}`] ?? '');
    return { user: obj(JSON.parse(json)), area, notice };
  } catch (e) {
    return { user: obj(local.settings), area: 'local', notice: `Settings could not be read from sync (${(e as Error).message}); using this browser's copy.` };
  }
}

const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

export async function loadSettings(): Promise<Loaded> {
  const [{ user, area, notice }, policy] = await Promise.all([readUser(), readPolicy()]);
  return { ...merge(user, Object.keys(policy).length ? policy : undefined), area, notice, user, policy };
}

/** Replace the agent's own settings (import, reset, or a patch merged by saveUser). */
export async function writeUser(user: Record<string, unknown>): Promise<{ area: Area; notice: string | null }> {
  const json = JSON.stringify(user);
  const bytes = new TextEncoder().encode(json).length;
  // a local copy always (the fallback), written after sync so that a reader woken by either
  // change never finds sync older than the local copy
  const keepLocal = () => browser.storage.local.set({ settings: user });
  if (!hasSync()) { await keepLocal(); return { area: 'local', notice: 'This browser has no settings sync; settings are kept here.' }; }
  if (bytes > SYNC_BUDGET) {
    const notice = `Your settings are ${Math.ceil(bytes / 1024)} KB and browser sync holds about ${Math.floor(SYNC_BUDGET / 1024)} KB, so they are kept on this browser only (large team packs are better pushed by policy).`;
    await browser.storage.local.set({ settings: user, settingsArea: 'local', settingsNotice: notice });
    return { area: 'local', notice };
  }
  const items: Record<string, string | number> = { [`${PREFIX}n`]: Math.max(1, Math.ceil(json.length / CHUNK)) };
  for (let i = 0, k = 0; i < json.length || k === 0; i += CHUNK, k++) items[`${PREFIX}${k}`] = json.slice(i, i + CHUNK);
  try {
    const old = Object.keys(await browser.storage.sync.get(null)).filter((k) => k.startsWith(PREFIX) && !(k in items));
    await browser.storage.sync.set(items);
    if (old.length) await browser.storage.sync.remove(old);
    await browser.storage.local.set({ settings: user, settingsArea: 'sync', settingsNotice: null });
    return { area: 'sync', notice: null };
  } catch (e) {
    const notice = `Settings could not be synced (${(e as Error).message}); they are kept on this browser.`;
    await browser.storage.local.set({ settings: user, settingsArea: 'local', settingsNotice: notice });
    return { area: 'local', notice };
  }
}

/** Change some of the agent's own settings. */
export async function saveUser(patch: Partial<Settings>): Promise<{ area: Area; notice: string | null }> {
  const { user } = await readUser();
  return writeUser({ ...user, ...patch });
}

/** Calls back when any setting may have changed (this browser, sync from another one, policy). */
export function onSettingsChanged(cb: () => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || area === 'sync' || (area === 'local' && ('settings' in changes || 'settingsArea' in changes || 'teamRules' in changes))) cb();
  });
}
