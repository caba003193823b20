/**
 * Toolbar popup: Tact on/off for this site, the findings count in the focused reply, settings.
 * Turning an unknown site on asks for that site's permission (this click is the user gesture).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { adapterFor } from '../content/adapters/index.js';
import { merge, originOf, siteEnabled, type Settings } from '../shared/settings.js';
import { t, uiDir } from '../shared/i18n.js';

interface Status { findings: number | null; on: boolean; }

function Popup() {
  const [tab, setTab] = useState<browser.Tabs.Tab | null>(null);
  const [s, setS] = useState<Settings | null>(null);
  const [locked, setLocked] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    const [cur] = await browser.tabs.query({ active: true, currentWindow: true });
    setTab(cur ?? null);
    const local = await browser.storage.local.get('settings');
    const managed = await browser.storage.managed?.get(null).catch(() => ({})) ?? {};
    const m = merge(local.settings, Object.keys(managed).length ? managed : undefined);
    setS(m.settings);
    setLocked(m.locked as Set<string>);
    if (cur?.id !== undefined) {
      browser.tabs.sendMessage(cur.id, { type: 'tact:status' }).then((r: any) => setStatus(r ?? null), () => setStatus(null));
    }
  };
  useEffect(() => { void load(); }, []);

  const origin = tab?.url ? originOf(tab.url) : null;
  if (!s) return <p>…</p>;
  if (!origin || !tab?.url) return <main dir={uiDir()}><p>{t('popupNotAvailable')}</p></main>;
  const adapter = adapterFor(new URL(tab.url));
  const on = siteEnabled(s, adapter?.id ?? null, origin);
  const lockedHere = adapter ? locked.has('hosts') : locked.has('sites');

  const toggle = async () => {
    setError('');
    const local = (await browser.storage.local.get('settings')).settings as Record<string, any> | undefined ?? {};
    if (adapter) {
      await browser.storage.local.set({ settings: { ...local, hosts: { ...(local.hosts ?? {}), [adapter.id]: !on } } });
    } else if (!on) {
      const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (!granted) { setError('Permission was not granted.'); return; }
      const sites = [...new Set([...(local.sites ?? []), origin])];
      await browser.storage.local.set({ settings: { ...local, sites } });
      await browser.runtime.sendMessage({ type: 'tact:site-enabled', origin, tabId: tab.id });
    } else {
      await browser.storage.local.set({ settings: { ...local, sites: (local.sites ?? []).filter((x: string) => x !== origin) } });
    }
    await load();
  };

  return (
    <main dir={uiDir()}>
      <h1>Tact</h1>
      <label class="row">
        <input type="checkbox" checked={on} disabled={lockedHere} onChange={toggle} data-testid="site-toggle" />
        <span>{t('popupOnSite')}<br /><small>{origin}</small></span>
      </label>
      {adapter && <p class="muted">{t('popupBuiltIn', adapter.name)}</p>}
      <p data-testid="count">{status && status.findings !== null ? t('popupFindings', String(status.findings)) : t('popupNoComposer')}</p>
      {error && <p class="err" role="alert">{error}</p>}
      <button onClick={() => browser.runtime.openOptionsPage()}>{t('popupOptions')}</button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
