/**
 * Options page (Preact): everything an agent or a team's rule maintainer sets, and what the
 * admin's policy locked. Sections: general (on/off, language, severity, playbooks),
 * categories, sites, rules (searchable, with why and examples), team phrases, team rule packs,
 * import/export/reset, and a "try it" box. Every string comes from _locales.
 */
import { render, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { createChecker } from '../engine/checker.js';
import { createSituationDetector } from '../engine/situations.js';
import { CATEGORIES, LANGS, SEVERITIES, type CompiledRule, type Lang, type RuleBundle, type Severity } from '../engine/types.js';
import bundle from '../generated/rules.json';
import ruleDocs from '../generated/rule-docs.json';
import { compileTeamPhrases } from '../rules/team.js';
import { compileTeamPack } from '../rules/pack.js';
import { ADAPTERS } from '../content/adapters/index.js';
import { merge, originOf, sanitize, toCheckOptions, type LockKey, type Settings, type TeamPhraseSetting } from '../shared/settings.js';
import { loadSettings, onSettingsChanged, saveUser, writeUser, type Loaded } from '../shared/store.js';
import { catLabel, t, uiDir } from '../shared/i18n.js';

const B = bundle as RuleBundle;
const checker = createChecker(B);
const detector = createSituationDetector(B);
const builtinIds = new Set(B.rules.map((r) => r.id));
const docs = ruleDocs as Record<string, { flag?: string; pass?: string }>;
const replyRules = B.rules.filter((r) => r.category !== 'situations');
const SHOWN = 150;

interface TeamRules { rules: CompiledRule[]; errors: string[]; packs?: number; }

function Lock({ on }: { on: boolean }) {
  return on ? <span class="lock" title={t('optLocked')} aria-label={t('optLocked')} data-testid="lock">🔒</span> : null;
}

/**
 * A list of which the first `fromPolicy` items were pushed by the admin (locked) and the rest
 * are the agent's own (removable; `remove` gets the index among the agent's own).
 */
function Pushed<T>({ items, fromPolicy, show, remove, testid }: { items: T[]; fromPolicy: number; show: (x: T) => ComponentChildren; remove: (own: number) => void; testid: string }) {
  return (
    <ul data-testid={testid}>
      {items.map((x, i) => (
        <li>{show(x)} <Lock on={i < fromPolicy} />
          {i >= fromPolicy && <button class="link" onClick={() => remove(i - fromPolicy)}>{t('optRemove')}</button>}</li>
      ))}
    </ul>
  );
}

function download(name: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function Options() {
  const [st, setSt] = useState<Loaded | null>(null);
  const [team, setTeam] = useState<TeamRules>({ rules: [], errors: [] });
  const [msg, setMsg] = useState<{ text: string; problems?: string[] } | null>(null);
  const [trial, setTrial] = useState(t('optTrySample'));
  const [customer, setCustomer] = useState('');
  const [query, setQuery] = useState('');
  const [newSite, setNewSite] = useState('');
  const [phrase, setPhrase] = useState<TeamPhraseSetting & { suggestionsText: string }>({ lang: 'en', category: 'cliche', phrase: '', suggestions: [], why: '', suggestionsText: '' });

  const load = async () => {
    const [loaded, stored] = await Promise.all([loadSettings(), browser.storage.local.get('teamRules').catch(() => ({}))]);
    setSt(loaded);
    const tr = (stored as Record<string, unknown>).teamRules as TeamRules | undefined;
    setTeam(tr && Array.isArray(tr.rules) ? tr : { rules: [], errors: [] });
  };
  useEffect(() => { void load(); onSettingsChanged(() => void load()); }, []);

  const s = st?.settings;
  const phrases = useMemo(() => (s ? compileTeamPhrases(s.teamPhrases) : { rules: [] as CompiledRule[], errors: [] }), [s]);
  const situation = useMemo(() => (customer.trim() ? detector.detect(customer) : null), [customer]);
  const findings = useMemo(() => (s ? checker.check(trial, { ...toCheckOptions(s), extraRules: [...phrases.rules, ...team.rules], situation: s.playbooks ? situation?.situation ?? null : null }) : []), [s, trial, phrases, team, situation]);
  if (!st || !s) return <p>…</p>;
  const locked = st.locked as Set<LockKey>;
  const isLocked = (k: LockKey) => locked.has(k);
  const save = async (patch: Partial<Settings>) => {
    // show the change at once; the storage event that follows confirms it
    setSt((prev) => prev && { ...prev, ...merge({ ...prev.user, ...patch }, Object.keys(prev.policy).length ? prev.policy : undefined), user: { ...prev.user, ...patch } });
    const r = await saveUser(patch);
    if (r.notice) setMsg({ text: r.notice });
  };
  // the agent's own value of a setting (what a change is based on), never the policy's
  const mine = <K extends 'teamPhrases' | 'teamPacks' | 'disabledRules' | 'sites' | 'categories' | 'hosts'>(k: K): Settings[K] => {
    const own = sanitize({ [k]: st.user[k] }, 'settings').value[k];
    return (own ?? (k === 'categories' || k === 'hosts' ? {} : [])) as Settings[K];
  };

  const q = query.trim().toLowerCase();
  const allRules = [...replyRules, ...team.rules, ...phrases.rules];
  const matching = allRules.filter((r) => !q || `${r.id} ${r.whyEn} ${r.why} ${r.suggestions.join(' ')}`.toLowerCase().includes(q));

  const addSite = async () => {
    const origin = originOf(newSite);
    if (!origin) { setMsg({ text: t('optSiteInvalid', newSite) }); return; }
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    if (!granted) { setMsg({ text: t('optPermissionDenied', origin) }); return; }
    await save({ sites: [...new Set([...mine('sites'), origin])] });
    await browser.runtime.sendMessage({ type: 'tact:sync' }).catch(() => undefined);
    setNewSite('');
  };

  const addPhrase = async () => {
    const entry: TeamPhraseSetting = { lang: phrase.lang, category: phrase.category, phrase: phrase.phrase.trim(), suggestions: phrase.suggestionsText.split('\n').map((x) => x.trim()).filter(Boolean), ...(phrase.why?.trim() ? { why: phrase.why.trim() } : {}) };
    const check = compileTeamPhrases([entry]);
    if (check.errors.length || !check.rules.length) { setMsg({ text: t('optPhraseInvalid'), problems: check.errors }); return; }
    if (!entry.suggestions.length) { setMsg({ text: t('optPhraseNeedsSuggestion') }); return; }
    await save({ teamPhrases: [...mine('teamPhrases'), entry] });
    setPhrase({ ...phrase, phrase: '', suggestionsText: '', why: '' });
    setMsg({ text: t('optPhraseAdded', entry.phrase) });
  };

  const loadPack = async (file: File) => {
    const yaml = await file.text();
    const name = file.name.replace(/\.ya?ml$/i, '');
    const r = compileTeamPack(name, yaml, builtinIds);
    if (!r.rules.length) { setMsg({ text: t('optPackRejected', name), problems: r.errors }); return; }
    await save({ teamPacks: [...mine('teamPacks').filter((p) => p.name !== name), { name, yaml }] });
    await browser.runtime.sendMessage({ type: 'tact:compile-packs' }).catch(() => undefined);
    setMsg({ text: t('optPackLoaded', name, String(r.rules.length)), problems: r.errors });
  };

  const importFile = async (file: File) => {
    let parsed: unknown;
    try { parsed = JSON.parse(await file.text()); } catch (e) { setMsg({ text: t('optImportNotJson', file.name), problems: [(e as Error).message] }); return; }
    const body = parsed && typeof parsed === 'object' && 'settings' in (parsed as object) ? (parsed as { settings: unknown }).settings : parsed;
    const { value, problems } = sanitize(body, file.name);
    await writeUser(value as Record<string, unknown>);
    setMsg({ text: t('optImported', String(Object.keys(value).length)), problems });
  };

  const userPhrases = mine('teamPhrases');
  const userPacks = mine('teamPacks');

  return (
    <main dir={uiDir()}>
      <h1>{t('optionsTitle')}</h1>
      {Object.keys(st.policy).length > 0 && <p class="managed" data-testid="managed">{t('optManaged')}</p>}
      {st.problems.length > 0 && <div class="problems" role="alert" data-testid="problems"><b>{t('optProblems')}</b><ul>{st.problems.map((p) => <li>{p}</li>)}</ul></div>}
      {st.notice && <p class="notice" data-testid="sync-notice">{st.notice}</p>}
      {!st.notice && <p class="muted" data-testid="sync-state">{st.area === 'sync' ? t('optSynced') : t('optLocalOnly')}</p>}
      {msg && <div class="msg" role="status" data-testid="msg">{msg.text}{msg.problems?.length ? <ul>{msg.problems.map((p) => <li>{p}</li>)}</ul> : null}<button class="link" onClick={() => setMsg(null)}>{t('close')}</button></div>}

      <section>
        <h2>{t('optGeneral')}</h2>
        <label class="row"><input type="checkbox" data-testid="enabled" checked={s.enabled} disabled={isLocked('enabled')} onChange={(e) => save({ enabled: (e.target as HTMLInputElement).checked })} /> {t('optEnabled')} <Lock on={isLocked('enabled')} /></label>
        <label class="row">{t('optLanguage')} <select data-testid="lang" value={s.lang} disabled={isLocked('lang')} onChange={(e) => save({ lang: (e.target as HTMLSelectElement).value as Settings['lang'] })}>
          <option value="auto">{t('optLangAuto')}</option>
          {LANGS.map((l) => <option value={l}>{t(`lang_${l}`)}</option>)}
        </select> <Lock on={isLocked('lang')} /></label>
        <label class="row">{t('optSeverity')} <select data-testid="severity" value={s.minSeverity} disabled={isLocked('minSeverity')} onChange={(e) => save({ minSeverity: (e.target as HTMLSelectElement).value as Severity })}>
          {SEVERITIES.map((v) => <option value={v}>{t(`sev_${v}`)}</option>)}
        </select> <Lock on={isLocked('minSeverity')} /></label>
        <label class="row"><input type="checkbox" data-testid="playbooks" checked={s.playbooks} disabled={isLocked('playbooks')} onChange={(e) => save({ playbooks: (e.target as HTMLInputElement).checked })} /> {t('optPlaybooks')} <Lock on={isLocked('playbooks')} /></label>
      </section>

      <section>
        <h2>{t('optCategories')}</h2>
        {CATEGORIES.map((c) => (
          <label class="row" data-testid={`cat-${c}`}><input type="checkbox" checked={s.categories[c]} disabled={isLocked(`categories.${c}`)}
            onChange={(e) => save({ categories: { ...mine('categories'), [c]: (e.target as HTMLInputElement).checked } })} /> {catLabel(c)} <Lock on={isLocked(`categories.${c}`)} /></label>
        ))}
      </section>

      <section>
        <h2>{t('optSites')} <Lock on={isLocked('hosts')} /></h2>
        {ADAPTERS.map((a) => (
          <label class="row"><input type="checkbox" data-testid={`host-${a.id}`} checked={s.enabled && s.hosts[a.id] !== false} disabled={isLocked('hosts')}
            onChange={(e) => save({ hosts: { ...mine('hosts'), [a.id]: (e.target as HTMLInputElement).checked } })} /> {a.name}</label>
        ))}
        <h3>{t('optOtherSites')} <Lock on={isLocked('sites')} /></h3>
        <ul data-testid="sites">{s.sites.map((o) => <li><code>{o}</code> {!isLocked('sites') && <button class="link" onClick={() => save({ sites: mine('sites').filter((x) => x !== o) })}>{t('optRemove')}</button>}</li>)}</ul>
        {!isLocked('sites') && <p><input type="url" placeholder="https://support.example.com" value={newSite} onInput={(e) => setNewSite((e.target as HTMLInputElement).value)} /> <button onClick={addSite}>{t('optAddSite')}</button></p>}
      </section>

      <section>
        <h2>{t('optTry')}</h2>
        <label class="row">{t('optTryCustomer')}<textarea rows={2} value={customer} data-testid="try-customer" onInput={(e) => setCustomer((e.target as HTMLTextAreaElement).value)} /></label>
        {situation?.situation && <p data-testid="try-situation">{t('optTrySituation', detector.playbook(situation.situation, (situation.lang ?? 'en') as Lang)?.title ?? situation.situation)}</p>}
        <label class="row">{t('optTryReply')}<textarea rows={4} value={trial} onInput={(e) => setTrial((e.target as HTMLTextAreaElement).value)} data-testid="try" /></label>
        <ul data-testid="try-findings">{findings.map((f) => <li><b>{catLabel(f.category)}</b> “{f.text}”: {f.message}{f.suggestions[0] ? ` → “${f.suggestions[0]}”` : ''}</li>)}</ul>
      </section>

      <section>
        <h2>{t('optRules')}</h2>
        <input type="search" data-testid="rule-search" placeholder={t('optSearchRules')} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <p class="muted">{t('optRulesCount', String(matching.length), String(allRules.length))}</p>
        <ul class="rules" data-testid="rules">
          {matching.slice(0, SHOWN).map((r) => {
            const ruleLocked = st.lockedRules.has(r.id);
            const d = docs[r.id];
            return (
              <li data-rule={r.id}>
                <label><input type="checkbox" checked={!s.disabledRules.includes(r.id)} disabled={ruleLocked}
                  onChange={(e) => save({ disabledRules: (e.target as HTMLInputElement).checked ? mine('disabledRules').filter((x) => x !== r.id) : [...mine('disabledRules'), r.id] })} />
                  <code>{r.id}</code></label> <Lock on={ruleLocked} /> <span class="cat">{catLabel(r.category)}</span>
                <div class="why">{r.whyEn}{r.why !== r.whyEn ? <span class="muted" lang={r.lang}> · {r.why}</span> : null}</div>
                {d && <div class="ex muted"><span>{t('optExFlag')}</span> <q lang={r.lang}>{d.flag}</q>{d.pass ? <> · <span>{t('optExPass')}</span> <q lang={r.lang}>{d.pass}</q></> : null}</div>}
              </li>
            );
          })}
        </ul>
        {matching.length > SHOWN && <p class="muted">{t('optRulesMore', String(matching.length - SHOWN))}</p>}
      </section>

      <section>
        <h2>{t('optTeamPhrases')}</h2>
        <p class="muted">{t('optTeamPhrasesHelp')}</p>
        <Pushed testid="team-phrases" items={s.teamPhrases} fromPolicy={st.policyPhrases}
          show={(p) => <><code>{p.phrase}</code> ({p.lang}, {catLabel(p.category)}) → {p.suggestions.join(' | ')}</>}
          remove={(i) => save({ teamPhrases: userPhrases.filter((_, k) => k !== i) })} />
        {phrases.errors.length > 0 && <ul class="problems">{phrases.errors.map((e) => <li>{e}</li>)}</ul>}
        <div class="form" data-testid="phrase-form">
          <select value={phrase.lang} onChange={(e) => setPhrase({ ...phrase, lang: (e.target as HTMLSelectElement).value as Lang })}>{LANGS.map((l) => <option value={l}>{t(`lang_${l}`)}</option>)}</select>
          <select value={phrase.category} onChange={(e) => setPhrase({ ...phrase, category: (e.target as HTMLSelectElement).value as TeamPhraseSetting['category'] })}>{CATEGORIES.filter((c) => c !== 'situational').map((c) => <option value={c}>{catLabel(c)}</option>)}</select>
          <input data-testid="phrase" placeholder={t('optPhrase')} value={phrase.phrase} onInput={(e) => setPhrase({ ...phrase, phrase: (e.target as HTMLInputElement).value })} />
          <textarea data-testid="phrase-suggestions" rows={2} placeholder={t('optPhraseSuggestions')} value={phrase.suggestionsText} onInput={(e) => setPhrase({ ...phrase, suggestionsText: (e.target as HTMLTextAreaElement).value })} />
          <input placeholder={t('optPhraseWhy')} value={phrase.why ?? ''} onInput={(e) => setPhrase({ ...phrase, why: (e.target as HTMLInputElement).value })} />
          <button data-testid="phrase-add" onClick={addPhrase}>{t('optAddPhrase')}</button>
        </div>
      </section>

      <section>
        <h2>{t('optTeamPacks')}</h2>
        <p class="muted">{t('optTeamPacksHelp')}</p>
        <Pushed testid="team-packs" items={s.teamPacks} fromPolicy={st.policyPacks}
          show={(p) => <><b>{p.name}</b>: {t('optPackRules', String(team.rules.filter((r) => p.yaml.includes(r.id)).length))}</>}
          remove={(i) => save({ teamPacks: userPacks.filter((_, k) => k !== i) })} />
        {team.errors.length > 0 && <div class="problems" data-testid="pack-errors"><b>{t('optPackProblems')}</b><ul>{team.errors.map((e) => <li>{e}</li>)}</ul></div>}
        <label class="button">{t('optLoadPack')}<input type="file" accept=".yaml,.yml" data-testid="pack-file" hidden onChange={(e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void loadPack(f); (e.target as HTMLInputElement).value = ''; }} /></label>
      </section>

      <section>
        <h2>{t('optBackup')}</h2>
        <button data-testid="export" onClick={() => download('tact-settings.json', JSON.stringify({ tact: 1, settings: st.user }, null, 2))}>{t('optExport')}</button>{' '}
        <label class="button">{t('optImport')}<input type="file" accept=".json,application/json" data-testid="import-file" hidden onChange={(e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void importFile(f); (e.target as HTMLInputElement).value = ''; }} /></label>{' '}
        <button data-testid="reset" onClick={async () => { if (confirm(t('optResetConfirm'))) { await writeUser({}); setMsg({ text: t('optResetDone') }); } }}>{t('optReset')}</button>
      </section>
    </main>
  );
}

document.title = t('optionsTitle');
document.documentElement.lang = t('textDirection') === 'rtl' ? 'ar' : document.documentElement.lang;
render(<Options />, document.getElementById('app')!);
