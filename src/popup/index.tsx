/**
 * Toolbar popup: Tact on/off for this site, the findings count in the focused reply, settings.
 * Turning an unknown site on asks for that site's permission (this click is the user gesture).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { adapterFor } from '../content/adapters/index.js';
import { originOf, siteEnabled, type Settings } from '../shared/settings.js';
import { loadSettings, saveUser } from '../shared/store.js';
import { t, uiDir } from '../shared/i18n.js';

interface Status { url?: string; findings: number | null; on: boolean; situation?: string | null; situationTitle?: string | null; customerFromPage?: boolean; }

function Popup() {
  const [tab, setTab] = useState<browser.Tabs.Tab | null>(null);
  const [s, setS] = useState<Settings | null>(null);
  const [locked, setLocked] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState('');
  const [ready, setReady] = useState(false);
  /** The switch as the agent just set it, until storage confirms. */
  const [pending, setPending] = useState<boolean | null>(null);
  const [customer, setCustomer] = useState('');

  const load = async () => {
    // ?tab=ID: the popup opened as a page for one tab (how the browser tests open it)
    const forced = Number(new URLSearchParams(location.search).get('tab'));
    const [cur] = forced ? [await browser.tabs.get(forced)] : await browser.tabs.query({ active: true, currentWindow: true });
    setTab(cur ?? null);
    const m = await loadSettings();
    setS(m.settings);
    setLocked(m.locked as Set<string>);
    if (cur?.id !== undefined) {
      await browser.tabs.sendMessage(cur.id, { type: 'tact:status' }).then((r: any) => setStatus(r ?? null), () => setStatus(null));
    }
    setReady(true);
  };
  useEffect(() => { void load(); }, []);

  // the tab's address: from activeTab (a toolbar click), else from Tact's content script there
  const url = tab?.url ?? status?.url;
  const origin = url ? originOf(url) : null;
  if (!s || !ready) return <p>…</p>;
  if (!origin || !url) return <main dir={uiDir()}><p>{t('popupNotAvailable')}</p></main>;
  const adapter = adapterFor(new URL(url));
  const on = siteEnabled(s, adapter?.id ?? null, origin);
  const lockedHere = adapter ? locked.has('hosts') : locked.has('sites');

  const toggle = async () => {
    setError('');
    setPending(!on);
    const { user } = await loadSettings();
    const own = <T,>(k: string, d: T): T => (user[k] && typeof user[k] === 'object' ? (user[k] as T) : d);
    if (adapter) {
      await saveUser({ hosts: { ...own<Record<string, boolean>>('hosts', {}), [adapter.id]: !on } });
    } else if (!on) {
      const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (!granted) { setPending(null); setError(t('optPermissionDenied', origin)); return; }
      await saveUser({ sites: [...new Set([...own<string[]>('sites', []), origin])] });
      await browser.runtime.sendMessage({ type: 'tact:site-enabled', origin, tabId: tab?.id });
    } else {
      await saveUser({ sites: own<string[]>('sites', []).filter((x) => x !== origin) });
    }
    await load();
    setPending(null);
  };

  return (
    <main dir={uiDir()}>
      <h1>Tact</h1>
      <label class="row">
        <input type="checkbox" checked={pending ?? on} disabled={lockedHere} onChange={toggle} data-testid="site-toggle" />
        <span>{t('popupOnSite')}<br /><small>{origin}</small></span>
      </label>
      {adapter && <p class="muted">{t('popupBuiltIn', adapter.name)}</p>}
      <p data-testid="count">{status && status.findings !== null ? t('popupFindings', String(status.findings)) : t('popupNoComposer')}</p>
      {error && <p class="err" role="alert">{error}</p>}
      {on && s.playbooks && status && (
        <div class="customer">
          {!status.customerFromPage && <>
            <label for="customer">{t('popupCustomer')}</label>
            <textarea id="customer" rows={3} value={customer} data-testid="customer" onInput={(e) => setCustomer((e.target as HTMLTextAreaElement).value)} />
            <button data-testid="customer-apply" onClick={async () => {
              const r = await browser.tabs.sendMessage(tab!.id!, { type: 'tact:customer', text: customer }).catch(() => null);
              if (r) setStatus(r as Status);
            }}>{t('popupCustomerApply')}</button>
          </>}
          <p data-testid="situation">{status.situation ? t('popupCustomerDetected', status.situationTitle ?? status.situation) : t('popupCustomerNone')}</p>
        </div>
      )}
      <button onClick={() => browser.runtime.openOptionsPage()}>{t('popupOptions')}</button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
