// Settings merging (defaults < user < policy), malformed input, team packs compiled without a build.
import { describe, expect, it } from 'vitest';
import { DEFAULTS, merge, sanitize, severityShown, siteEnabled, toCheckOptions } from '../src/shared/settings.js';
import { compileTeamPack } from '../src/rules/pack.js';
import { nestedRepetition } from '../src/rules/probe.js';
import { createChecker } from '../src/engine/checker.js';

describe('settings: defaults < user < policy', () => {
  it('no settings at all are the defaults, with nothing locked', () => {
    const m = merge(undefined, undefined);
    expect(m.settings).toEqual(DEFAULTS);
    expect(m.locked.size).toBe(0);
    expect(m.problems).toEqual([]);
  });
  it("the agent's settings override defaults; the policy overrides and locks", () => {
    const m = merge({ lang: 'ru', minSeverity: 'warning', categories: { sarcasm: false } }, { lang: 'en', categories: { blame: true } });
    expect(m.settings.lang).toBe('en');
    expect(m.settings.minSeverity).toBe('warning');
    expect(m.settings.categories.sarcasm).toBe(false);
    expect(m.settings.categories.blame).toBe(true);
    expect([...m.locked].sort()).toEqual(['categories.blame', 'lang']);
  });
  it('a policy that turns a category off wins over the agent turning it on', () => {
    const m = merge({ categories: { 'risky-joke': true } }, { categories: { 'risky-joke': false } });
    expect(m.settings.categories['risky-joke']).toBe(false);
    expect(toCheckOptions(m.settings).categories).not.toContain('risky-joke');
  });
  it("policy lists add to the agent's: disabled rules (locked one by one), team phrases, packs", () => {
    const m = merge(
      { disabledRules: ['en.cliche.a'], teamPhrases: [{ lang: 'en', category: 'cliche', phrase: 'mine', suggestions: [] }], teamPacks: [{ name: 'me', yaml: 'rules: []' }] },
      { disabledRules: ['en.blame.b'], teamPhrases: [{ lang: 'en', category: 'cliche', phrase: 'theirs', suggestions: ['x'] }], teamPacks: [{ name: 'acme', yaml: 'rules: []' }] },
    );
    expect(m.settings.disabledRules.sort()).toEqual(['en.blame.b', 'en.cliche.a']);
    expect([...m.lockedRules]).toEqual(['en.blame.b']);
    expect(m.settings.teamPhrases.map((p) => p.phrase)).toEqual(['theirs', 'mine']);
    expect(m.settings.teamPacks.map((p) => p.name)).toEqual(['acme', 'me']);
    expect([m.policyPhrases, m.policyPacks]).toEqual([1, 1]);
    expect(m.locked.has('disabledRules')).toBe(false);
  });
  it('a malformed policy: valid parts apply, each problem is named, defaults keep the rest', () => {
    const m = merge({}, { lang: 'klingon', categories: { blame: 'yes', cliche: false, nonsense: true }, sites: ['not a url at all ::', 'https://desk.example.com/x'], enabled: 1, surprise: true, teamPacks: 'x' });
    expect(m.settings.lang).toBe('auto');
    expect(m.settings.categories.cliche).toBe(false);
    expect(m.settings.categories.blame).toBe(true);
    expect(m.settings.sites).toEqual(['https://desk.example.com']);
    expect(m.settings.enabled).toBe(true);
    expect(m.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^policy\.lang: expected auto or one of/),
      'policy.categories.blame: expected true or false',
      expect.stringMatching(/^policy\.categories\.nonsense: unknown category/),
      'policy.sites: "not a url at all ::" is not a site address',
      'policy.enabled: expected true or false',
      'policy.surprise: unknown setting',
      'policy.teamPacks: expected a list of {name, yaml}',
    ]));
    expect([...m.locked].sort()).toEqual(['categories.cliche', 'sites']);
  });
  it('a policy that is not an object at all is reported, never thrown', () => {
    for (const bad of ['string', 42, [1, 2], true]) {
      const m = merge({ lang: 'bg' }, bad);
      expect(m.settings.lang).toBe('bg');
      expect(m.problems[0]).toMatch(/^policy: expected an object/);
    }
    expect(sanitize({ teamPhrases: [{ phrase: 'x' }] }, 'settings').problems[0]).toMatch(/teamPhrases\[0\]: needs phrase, lang, category/);
  });
  it('severity threshold, playbooks switch, sites', () => {
    const s = merge({ minSeverity: 'warning', playbooks: false, sites: ['support.example.org'] }).settings;
    expect(severityShown(s, 'info')).toBe(false);
    expect(severityShown(s, 'error')).toBe(true);
    expect(toCheckOptions(s).categories).not.toContain('situational');
    expect(siteEnabled(s, 'generic', 'https://support.example.org')).toBe(true);
    expect(siteEnabled(s, 'generic', 'https://other.example.org')).toBe(false);
    expect(siteEnabled({ ...s, hosts: { zendesk: false } }, 'zendesk', 'https://acme.zendesk.com')).toBe(false);
  });
});

const PACK = `name: Acme support
rules:
  - id: en.cliche.acme-ticket-speak
    phrases: ["your ticket (has been|was) (actioned|triaged)"]
    why: Ticket jargon means nothing to customers; say what happened.
    suggestions: ["I've looked at your request"]
    examples:
      flag: [{ text: "Your ticket has been actioned.", span: "Your ticket has been actioned", becomes: "I've looked at your request." }]
      pass: ["I fixed the invoice address."]
  - id: ru.blame.acme-nado-bylo
    regex: '\\b(?<span>надо было (?:сразу|раньше))\\b'
    why: Упрекает клиента задним числом.
    why_en: Reproaches the customer in hindsight.
    suggestions: ["в следующий раз удобнее"]
    examples:
      flag: [{ text: "Надо было сразу написать.", span: "Надо было сразу", becomes: "В следующий раз удобнее написать." }]
      pass: ["Напишите, когда будет удобно."]
`;

describe('team rule packs', () => {
  it('a pack of rules in two languages compiles, its examples run, and the rules check text', () => {
    const p = compileTeamPack('Acme', PACK);
    expect(p.errors).toEqual([]);
    expect(p.rules.map((r) => `${r.id} ${r.lang} ${r.category}`)).toEqual(['en.cliche.acme-ticket-speak en cliche', 'ru.blame.acme-nado-bylo ru blame']);
    const c = createChecker({ version: 1, rules: [] });
    expect(c.check('Your ticket was triaged.', { extraRules: p.rules }).map((f) => f.ruleId)).toEqual(['en.cliche.acme-ticket-speak']);
  });
  it('errors name the pack and the line; good rules survive a bad one', () => {
    const bad = PACK.replace('becomes: "I\'ve looked at your request."', 'becomes: "wrong"').replace("ru.blame.acme-nado-bylo", 'xx.blame.nope');
    const p = compileTeamPack('Acme', bad);
    expect(p.errors).toEqual([
      expect.stringMatching(/^team pack "Acme", line 10: id "xx\.blame\.nope": unknown language "xx"/),
      expect.stringMatching(/^team pack "Acme", line 8: en\.cliche\.acme-ticket-speak: after applying suggestion 1/),
    ]);
  });
  it('refuses catastrophic regexes, built-in ids, broken YAML and empty files', () => {
    const redos = compileTeamPack('R', `rules:\n  - id: en.cliche.x\n    regex: '(a+)+b'\n    why: w\n    suggestions: [s]\n    examples: {flag: [{text: aab, span: aab, becomes: s}], pass: [c]}\n`);
    expect(redos.errors.join('\n')).toMatch(/line 3: .*backtrack.*nested|line 3: .*unbounded repetition/);
    expect(compileTeamPack('B', PACK, new Set(['en.cliche.acme-ticket-speak'])).errors[0]).toMatch(/is a built-in rule's/);
    expect(compileTeamPack('Y', 'rules: [').errors[0]).toMatch(/^team pack "Y", line \d+: YAML/);
    expect(compileTeamPack('E', '  ').errors).toEqual(['team pack "E": the file is empty']);
  });
  it('the static screen finds nested unbounded repetition and lets bounded shapes through', () => {
    expect(nestedRepetition('(a+)+b')).toMatch(/unbounded/);
    expect(nestedRepetition('(?:\\w+\\s*)*$')).toMatch(/unbounded/);
    expect(nestedRepetition('(?:[a-z]+\\s){1,5}x')).toBeNull();
    expect(nestedRepetition('\\bfoo(?:bar)+[(+)]*')).toBeNull();
  });
});
