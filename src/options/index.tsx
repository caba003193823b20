/**
 * Options page: categories on/off, language, rules turned off, team phrases, and a "try it" box.
 * Settings the admin locked by policy show as locked.
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { createChecker } from '../engine/checker.js';
import { CATEGORIES, LANGS, type CompiledRule, type RuleBundle } from '../engine/types.js';
import bundle from '../generated/rules.json';
import { compileTeamPhrases } from '../rules/team.js';
import { merge, toCheckOptions, type Settings } from '../shared/settings.js';
import { catLabel, t, uiDir } from '../shared/i18n.js';

const checker = createChecker(bundle as RuleBundle);

function Options() {
  const [s, setS] = useState<Settings | null>(null);
  const [locked, setLocked] = useState<Set<string>>(new Set());
  const [problems, setProblems] = useState<string[]>([]);
  const [trial, setTrial] = useState('We apologize for any inconvenience. As I already said, please read our FAQ: https://help.example.com/faq');
  const [query, setQuery] = useState('');

  const load = async () => {
    const local = await browser.storage.local.get('settings');
    const managed = await browser.storage.managed?.get(null).catch(() => ({})) ?? {};
    const m = merge(local.settings, Object.keys(managed).length ? managed : undefined);
    setS(m.settings); setLocked(m.locked as Set<string>); setProblems(m.problems);
  };
  useEffect(() => { void load(); browser.storage.onChanged.addListener(() => void load()); }, []);

  const save = async (patch: Partial<Settings>) => {
    const local = ((await browser.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await browser.storage.local.set({ settings: { ...local, ...patch } });
  };

  const team = useMemo(() => (s ? compileTeamPhrases(s.teamPhrases) : { rules: [] as CompiledRule[], errors: [] }), [s]);
  const findings = useMemo(() => (s ? checker.check(trial, { ...toCheckOptions(s), extraRules: team.rules }) : []), [s, trial, team]);
  if (!s) return <p>…</p>;
  const rules = (bundle as RuleBundle).rules.filter((r) => !query || `${r.id} ${r.whyEn} ${r.why}`.toLowerCase().includes(query.toLowerCase())).slice(0, 200);
  const lock = (k: string) => (locked.has(k) ? <span class="lock" title="Set by your administrator">🔒</span> : null);

  return (
    <main dir={uiDir()}>
      <h1>{t('optionsTitle')}</h1>
      {problems.length > 0 && <div class="problems" role="alert"><b>Some settings were ignored:</b><ul>{problems.map((p) => <li>{p}</li>)}</ul></div>}
      <section>
        <h2>Categories {lock('categories')}</h2>
        {CATEGORIES.map((c) => (
          <label class="row"><input type="checkbox" checked={s.categories[c]} disabled={locked.has('categories')}
            onChange={(e) => save({ categories: { ...s.categories, [c]: (e.target as HTMLInputElement).checked } })} /> {catLabel(c)}</label>
        ))}
      </section>
      <section>
        <h2>Language {lock('lang')}</h2>
        <select value={s.lang} disabled={locked.has('lang')} onChange={(e) => save({ lang: (e.target as HTMLSelectElement).value as Settings['lang'] })}>
          <option value="auto">Detect for each reply</option>
          {LANGS.map((l) => <option value={l}>{l}</option>)}
        </select>
      </section>
      <section>
        <h2>Try it</h2>
        <textarea rows={4} value={trial} onInput={(e) => setTrial((e.target as HTMLTextAreaElement).value)} data-testid="try" />
        <ul data-testid="try-findings">{findings.map((f) => <li><b>{catLabel(f.category)}</b> “{f.text}” — {f.message}{f.suggestions[0] ? ` → “${f.suggestions[0]}”` : ''}</li>)}</ul>
      </section>
      <section>
        <h2>Rules {lock('disabledRules')}</h2>
        <input type="search" placeholder="Search rules" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <ul class="rules">
          {rules.map((r) => (
            <li><label><input type="checkbox" checked={!s.disabledRules.includes(r.id)} disabled={locked.has('disabledRules')}
              onChange={(e) => save({ disabledRules: (e.target as HTMLInputElement).checked ? s.disabledRules.filter((x) => x !== r.id) : [...s.disabledRules, r.id] })} />
              <code>{r.id}</code> {r.whyEn}</label></li>
          ))}
        </ul>
      </section>
      {team.errors.length > 0 && <section><h2>Team phrase problems</h2><ul>{team.errors.map((e) => <li>{e}</li>)}</ul></section>}
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
