// Situation detection, playbook cards and situational reply checks, on a small fixed rule set
// (independent of what rules/ holds today), plus `tact check --thread` on the real rules.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePlaybookFile, compileRuleFile, testRuleExamples, toCompiled } from '../src/rules/compile.js';
import { createChecker, lastSentence } from '../src/engine/checker.js';
import { createSituationDetector } from '../src/engine/situations.js';
import { SITUATIONS, type RuleBundle } from '../src/engine/types.js';
import { ROOT } from './helpers.js';

const detection = compileRuleFile('rules/en/situations.yaml', `rules:
  - id: en.situations.sue
    situation: legal-threat
    phrases: ["(i'll|i will) (sue|see you in court)", "my (lawyer|attorney) will"]
    why: Threatens legal action.
    examples:
      flag: [{ text: "I will sue you.", span: "I will sue" }]
      pass: ["My lawyer asked for the invoice."]
  - id: en.situations.insult
    situation: abuse
    phrases: ["(you|you're) (idiots|morons)"]
    why: Insults.
    examples:
      flag: [{ text: "you idiots broke it", span: "you idiots" }]
      pass: ["Idioms are hard."]
  - id: en.situations.broken
    situation: panic
    phrases: ["everything is (broken|gone)", "all my (data|files) (is|are) gone"]
    why: Panic.
    examples:
      flag: [{ text: "Help, everything is broken!!!", span: "everything is broken" }]
      pass: ["Nothing is broken, just slow."]
`);
const situational = compileRuleFile('rules/en/situational.yaml', `rules:
  - id: en.situational.our-fault
    when: [legal-threat]
    phrases: ["it was [(entirely|all)] our fault"]
    why: Admits liability after a legal threat.
    suggestions: ["I've passed this to our complaints team"]
    examples:
      flag: [{ text: "Sorry, it was our fault.", span: "it was our fault", becomes: "Sorry, I've passed this to our complaints team." }]
      pass: ["Sorry for the delay."]
  - id: en.situational.no-next-step
    when: [panic]
    check: missing
    needs: ["(next|first|step)", "(i'll|i will) (check|call|update)"]
    why: No next step for a panicking customer.
    suggestions: ["$& Next, I'll check your account and update you in an hour."]
    examples:
      flag: [{ text: "Sorry to hear that, it sounds stressful.", span: "Sorry to hear that, it sounds stressful.", becomes: "Sorry to hear that, it sounds stressful. Next, I'll check your account and update you in an hour." }]
      pass: ["Sorry! First, restart the app."]
  - id: en.situational.fixed-only
    when: [panic]
    check: missing
    at: ["(it's|it is) [now] fixed"]
    needs: ["(because|we changed|i changed)"]
    why: Says it's fixed without what was done.
    suggestions: ["$&: I changed the setting that broke it"]
    examples:
      flag: [{ text: "Good news, it's fixed.", span: "it's fixed", becomes: "Good news, it's fixed: I changed the setting that broke it." }]
      pass: ["It's fixed because we changed the DNS record."]
`);
const cards = compilePlaybookFile('rules/en/playbooks.yaml', `playbooks:\n${SITUATIONS.map((s) => `  ${s}:\n    title: T ${s}\n    moves: [one, two]\n    starters: ["Start ${s}."]`).join('\n')}\n`);
const bundle: RuleBundle = { version: 1, rules: [...detection.rules, ...situational.rules].map(toCompiled), playbooks: { en: cards.playbooks } };
const detector = createSituationDetector(bundle);
const checker = createChecker(bundle);

describe('situation detection', () => {
  it('the fixture rules compile and their examples hold', () => {
    expect([...detection.errors, ...situational.errors, ...cards.errors]).toEqual([]);
    for (const r of [...detection.rules, ...situational.rules]) expect(testRuleExamples(r)).toEqual([]);
  });
  it('finds the situation with its evidence span', () => {
    const msg = 'This is the third time. Fix it today or I will sue.';
    const r = detector.detect(msg);
    expect(r.situation).toBe('legal-threat');
    expect(r.evidence.map((e) => msg.slice(e.start, e.end))).toEqual(['I will sue']);
    expect(r.lang).toBe('en');
  });
  it('a calm message shows no situation', () => {
    expect(detector.detect('Hi, my lawyer asked for a copy of the March invoice. Thanks!').situation).toBeNull();
    expect(detector.detect('').situation).toBeNull();
  });
  it('several situations: the high-stakes ones in precedence order, then the most evidence', () => {
    // one threat of court among panicky lines is still a legal threat
    const r = detector.detect('Everything is broken! All my data is gone! Everything is gone. I will sue.');
    expect(r.all).toEqual(['legal-threat', 'panic']);
    // abuse comes before legal threats whatever the counts
    expect(detector.detect('You idiots. I will sue. See you in court, my lawyer will call.').all).toEqual(['abuse', 'legal-threat']);
    expect(detector.detect('Everything is broken!').situation).toBe('panic');
  });
  it('situation rules never run on the reply', () => {
    expect(checker.check('I will sue you, said nobody.').map((f) => f.ruleId)).toEqual([]);
  });
  it('cards come in the reply language, English when missing', () => {
    expect(detector.playbook('panic', 'en')?.title).toBe('T panic');
    expect(detector.playbook('panic', 'ru')?.title).toBe('T panic');
  });
});

describe('situational reply checks', () => {
  it('run only in their situation', () => {
    const reply = 'Sorry, it was our fault.';
    expect(checker.check(reply).length).toBe(0);
    expect(checker.check(reply, { situation: 'abuse' }).length).toBe(0);
    expect(checker.check(reply, { situation: 'legal-threat' }).map((f) => f.ruleId)).toEqual(['en.situational.our-fault']);
  });
  it('a missing next step flags the last sentence, skipping the sign-off and quoted text', () => {
    const reply = 'Hi Ann,\n\nI am sorry the app crashed. That must be stressful.\n\n> everything is broken\n\nBest,\nDerek';
    const f = checker.check(reply, { situation: 'panic' });
    expect(f.map((x) => x.text)).toEqual(['That must be stressful.']);
    expect(f[0]!.suggestions[0]).toBe("That must be stressful. Next, I'll check your account and update you in an hour.");
    expect(checker.check(reply.replace('stressful.', 'stressful. First, open Settings.'), { situation: 'panic' })).toEqual([]);
  });
  it('a missing check with at: flags the claim, only when the reply lacks what should go with it', () => {
    const reply = 'Hi Ann, sorry about the outage.\nIt is now fixed. Thanks for your patience!';
    expect(checker.check(reply, { situation: 'panic' }).filter((f) => f.ruleId === 'en.situational.fixed-only').map((f) => f.text)).toEqual(['It is now fixed']);
    expect(checker.check(reply + ' We changed the DNS record.', { situation: 'panic' }).filter((f) => f.ruleId === 'en.situational.fixed-only')).toEqual([]);
    expect(checker.check('Sorry about the outage, I am looking into it now.', { situation: 'panic' }).filter((f) => f.ruleId === 'en.situational.fixed-only')).toEqual([]);
  });
  it('lastSentence handles CJK and empty text', () => {
    expect(lastSentence('', [])).toBeNull();
    const t = '您好！数据库出错了，我们很抱歉给您带来不便。';
    const s = lastSentence(t, [])!;
    expect(t.slice(s[0], s[1])).toBe('数据库出错了，我们很抱歉给您带来不便。');
  });
  it('the compiler refuses a situational rule without when, and when outside situational.yaml', () => {
    const bad = compileRuleFile('rules/en/situational.yaml', `rules:\n  - id: en.situational.x\n    phrases: [foo]\n    why: w\n    suggestions: [bar]\n    examples: { flag: [{ text: foo, span: foo, becomes: bar }], pass: [baz] }\n`);
    expect(bad.errors.map((e) => e.message).join('\n')).toMatch(/when: the situations/);
    const bad2 = compileRuleFile('rules/en/blame.yaml', `rules:\n  - id: en.blame.x\n    when: [panic]\n    phrases: [foo]\n    why: w\n    suggestions: [bar]\n    examples: { flag: [{ text: foo, span: foo, becomes: bar }], pass: [baz] }\n`);
    expect(bad2.errors.map((e) => `${e.line} ${e.message}`).join('\n')).toMatch(/3 when: only in situational.yaml/);
    const bad3 = compileRuleFile('rules/en/situations.yaml', `rules:\n  - id: en.situations.x\n    situation: panick\n    phrases: [foo]\n    why: w\n    examples: { flag: [{ text: foo, span: foo }], pass: [baz] }\n`);
    expect(bad3.errors.map((e) => e.message).join('\n')).toMatch(/situation: one of abuse/);
  });
  it('the playbook compiler names a missing situation and an unknown field', () => {
    const p = compilePlaybookFile('rules/en/playbooks.yaml', 'playbooks:\n  panic:\n    title: P\n    moves: [a, b]\n    starters: [c]\n    tips: [d]\n');
    expect(p.errors.map((e) => `${e.line} ${e.message}`)).toContain('6 panic: unknown field "tips" (title, moves, starters)');
  });
});

describe('tact check --thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tact-thread-'));
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/tact.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
  it('prints the situation, its playbook and the reply findings as JSON', () => {
    const p = join(dir, 't.json');
    writeFileSync(p, JSON.stringify({ customer: 'This is unacceptable. If the money is not back by Friday I will take legal action against your company.', reply: 'We apologize for any inconvenience.' }));
    const r = run(['check', '--thread', p, '--format', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.situation.id).toBe('legal-threat');
    expect(out.situation.evidence.length).toBeGreaterThan(0);
    expect(out.situation.playbook.moves.length).toBeGreaterThanOrEqual(2);
    expect(out.findings.map((f: { category: string }) => f.category)).toContain('cliche');
    expect(r.status).toBe(1);
  });
  it('bad thread files exit 2 with a clear message', () => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, '{"customer": 3}');
    const r = run(['check', '--thread', p]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected \{"customer"/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
