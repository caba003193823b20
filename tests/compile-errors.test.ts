// A maintainer's mistakes come back as `file:line  what is wrong`, never a stack trace.
import { describe, expect, it } from 'vitest';
import { checkSync } from 'recheck';
import { compileRuleFile, compileRules } from '../src/rules/compile.js';

const F = 'rules/en/blame.yaml';
const rule = (body: string) => `rules:\n  - id: en.blame.x\n${body}`;
const OK_TAIL = `    why: Blames the customer.
    suggestions: [a mix-up]
    examples:
      flag: [{ text: "It was user error.", span: "user error", becomes: "It was a mix-up." }]
      pass: ["It was an error."]
`;
const errs = (text: string, file = F) => compileRuleFile(file, text).errors.map((e) => `${e.line}: ${e.message}`);

describe('rule compiler errors', () => {
  it('accepts a good rule', () => {
    expect(errs(rule(`    phrases: [user error]\n${OK_TAIL}`))).toEqual([]);
  });
  it('unknown field, with a suggestion and its line', () => {
    expect(errs(rule(`    phrase: [user error]\n${OK_TAIL}`))).toEqual([
      '3: unknown field "phrase" (did you mean "phrases"?)',
      '2: a rule needs exactly one matcher of phrases | regex | pattern | check',
    ]);
  });
  it('an id that does not match its file', () => {
    expect(errs(`rules:\n  - id: en.cliche.x\n    phrases: [user error]\n${OK_TAIL}`)).toEqual(['2: id "en.cliche.x" must start with "en.blame." to match its file']);
  });
  it('a regex that does not compile, a backreference, a phrase with unbalanced brackets', () => {
    expect(errs(rule(`    regex: 'user (error'\n${OK_TAIL}`))[0]).toMatch(/^3: regex: does not compile/);
    expect(errs(rule(`    regex: '(a)\\1'\n${OK_TAIL}`))[0]).toBe('3: regex: backreferences are not allowed');
    expect(errs(rule(`    phrases: ['user (error']\n${OK_TAIL}`))[0]).toBe('3: missing ")" in phrase "user (error"');
  });
  it('a regex that can backtrack catastrophically (recheck)', () => {
    const redos = (src: string) => (checkSync(src, 'iu').status === 'vulnerable' ? 'vulnerable' : null);
    const r = compileRuleFile(F, rule(`    regex: '\\b(?<span>(user\\s*)+error)'\n${OK_TAIL}`), redos);
    expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual(['3: this pattern can backtrack catastrophically: vulnerable']);
  });
  it('examples that do not behave as declared', () => {
    const bad = rule(`    phrases: [user error]
    why: Blames the customer.
    suggestions: [a mix-up]
    examples:
      flag:
        - { text: "It was a user mistake.", span: "user mistake", becomes: "x" }
        - { text: "It was user error.", span: "user error", becomes: "It was the mix-up." }
      pass: ["No user error here."]
`);
    const r = compileRules([{ file: F, text: bad }]);
    expect(r.errors.map((e) => `${e.line}: ${e.message.split('\n')[0]}`)).toEqual([
      '8: en.blame.x: example is not flagged: "It was a user mistake."',
      '9: en.blame.x: after applying suggestion 1 the text is',
      '10: en.blame.x: near-miss is flagged ("user error"): "No user error here."',
    ]);
  });
  it('duplicate ids across files', () => {
    const text = rule(`    phrases: [user error]\n${OK_TAIL}`);
    const r = compileRules([{ file: F, text }, { file: F, text }]);
    expect(r.errors.map((e) => e.message)).toContain('duplicate id "en.blame.x" (also at rules/en/blame.yaml:2)');
  });
  it('broken YAML, wrong folder, missing examples', () => {
    expect(errs('rules:\n  - id: [unclosed\n')[0]).toMatch(/^\d+: YAML: /);
    expect(errs(rule(`    phrases: [user error]\n${OK_TAIL}`), 'rules/xx/blame.yaml')).toEqual(['1: unknown language folder "xx" (one of en, ru, bg, ar, eo, zh)']);
    expect(errs(rule(`    phrases: [user error]\n    why: w\n    suggestions: [s]\n`))).toEqual(['2: examples: with flag (must be flagged) and pass (near-misses) lists']);
  });
  it('pattern rules need a trigger and are English only', () => {
    expect(errs(rule(`    pattern: 'you should have #PastTense'\n${OK_TAIL}`))).toContain('3: a pattern rule needs trigger: a regex that must match a sentence before it is tagged');
    const ru = `rules:\n  - id: ru.blame.x\n    trigger: 'x'\n    pattern: 'x'\n    why: w\n    why_en: w\n    suggestions: [s]\n    examples:\n      flag: [{ text: x, span: x, becomes: s }]\n      pass: [y]\n`;
    expect(errs(ru, 'rules/ru/blame.yaml')).toContain('4: pattern rules (compromise) are for English only');
  });
});
