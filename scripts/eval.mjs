#!/usr/bin/env node
// Precision, recall and F1 per category and language on a labelled corpus, through the CLI.
//   node scripts/eval.mjs [--corpus FILE] [--lang xx] [--from-source] [--misses] [--lang-given]
// A labelled finding is caught when a reported span of the same category overlaps its quote.
// By default the CLI detects the language itself (as the extension does); --lang-given passes it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const corpus = opt('--corpus') ?? join(root, '../shared/corpus/dev.jsonl');
const onlyLang = opt('--lang');
const showMisses = args.includes('--misses');
if (!existsSync(corpus)) { console.error(`eval: no corpus at ${corpus}`); process.exit(2); }

const items = readFileSync(corpus, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((o) => !onlyLang || o.lang === onlyLang);
const input = items.map((o) => JSON.stringify(args.includes('--lang-given') ? { id: o.id, text: o.text, lang: o.lang } : { id: o.id, text: o.text })).join('\n') + '\n';
const cli = [join(root, 'bin/tact.mjs'), 'check', '--jsonl', ...(args.includes('--from-source') ? ['--rules-dir', join(root, 'rules')] : [])];
const t0 = performance.now();
const r = spawnSync(process.execPath, cli, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
const ms = performance.now() - t0;
if (r.status === 2 || r.error) { console.error(r.stderr || r.error); process.exit(2); }
const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
if (out.length !== items.length) { console.error(`eval: ${items.length} inputs, ${out.length} outputs`); process.exit(2); }

const CATS = ['cliche', 'sarcasm', 'risky-joke', 'blame', 'bare-link', 'deflection', 'bad-news', 'hostile', 'personal', 'delete-request'];
const CORE = new Set(CATS.slice(0, 5));
const LANGS = ['en', 'ru', 'bg', 'ar', 'eo', 'zh'];
const stats = new Map(); // `${lang}|${cat}` -> {tp, fn, fp}
const get = (l, c) => { const k = `${l}|${c}`; if (!stats.has(k)) stats.set(k, { tp: 0, fn: 0, fp: 0, tpP: 0 }); return stats.get(k); };
const clean = new Map();
const misses = [];
items.forEach((item, i) => {
  const found = out[i].findings;
  const spans = item.findings.map((f) => {
    const s = item.text.indexOf(f.quote);
    return { ...f, start: s, end: s + f.quote.length };
  });
  for (const g of spans) {
    const hit = found.some((f) => f.category === g.category && f.start < g.end && f.end > g.start);
    const st = get(item.lang, g.category);
    if (hit) st.tp++; else { st.fn++; misses.push(`MISS ${item.id} ${g.category}: ${g.quote}`); }
  }
  for (const f of found) {
    const ok = spans.some((g) => g.category === f.category && f.start < g.end && f.end > g.start);
    const st = get(item.lang, f.category);
    if (ok) st.tpP++; else { st.fp++; misses.push(`FALSE ${item.id} ${f.category} [${f.ruleId}]: ${item.text.slice(f.start, f.end)}`); }
  }
  if (item.findings.length === 0) {
    const c = clean.get(item.lang) ?? { n: 0, flagged: 0 };
    c.n++; if (found.length) c.flagged++;
    clean.set(item.lang, c);
  }
});

const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
const score = (st) => {
  const p = st.tpP + st.fp ? st.tpP / (st.tpP + st.fp) : (st.tp + st.fn ? 0 : 1);
  const rc = st.tp + st.fn ? st.tp / (st.tp + st.fn) : 1;
  return { p, r: rc, f: st.tp + st.fn || st.fp ? f1(p, rc) : 1 };
};
const fmt = (x) => x.toFixed(2);
const langs = LANGS.filter((l) => items.some((o) => o.lang === l));
console.log(`corpus: ${items.length} replies, ${items.reduce((n, o) => n + o.findings.length, 0)} labelled findings; CLI ran in ${Math.round(ms)} ms\n`);
console.log('F1 (P/R) by category and language; n = labelled findings');
console.log('category'.padEnd(15) + langs.map((l) => l.padEnd(22)).join(''));
let failing = [];
for (const c of CATS) {
  let row = (CORE.has(c) ? c : c + '*').padEnd(15);
  for (const l of langs) {
    const st = get(l, c);
    const s = score(st);
    const n = st.tp + st.fn;
    row += `${fmt(s.f)} (${fmt(s.p)}/${fmt(s.r)}) n=${n}`.padEnd(22);
    const target = CORE.has(c) ? (l === 'en' ? 0.85 : 0.75) : 0.7;
    if (s.f < target) failing.push(`${l}/${c} ${fmt(s.f)}<${target}`);
  }
  console.log(row);
}
let allN = 0, allF = 0;
console.log('\nclean replies flagged: ' + langs.map((l) => { const c = clean.get(l) ?? { n: 0, flagged: 0 }; allN += c.n; allF += c.flagged; return `${l} ${c.flagged}/${c.n}`; }).join(', '));
const tot = [...stats.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tpP: a.tpP + s.tpP }), { tp: 0, fn: 0, fp: 0, tpP: 0 });
const ts = score(tot);
console.log(`overall: P ${fmt(ts.p)} R ${fmt(ts.r)} F1 ${fmt(ts.f)}; clean replies flagged ${(100 * allF / Math.max(1, allN)).toFixed(1)}% (target <= 5%)`);
console.log(failing.length ? `below target (* = extra category): ${failing.join(', ')}` : 'all per-category targets met');
if (showMisses) console.log('\n' + misses.join('\n'));

// ── Situations: the customer's message -> the situation (tests/fixtures/situations/<lang>.jsonl,
// written for this without seeing the rules). Per situation: precision and recall across
// languages, then per language; "none" messages wrongly given a situation are false alarms.
{
  const dir = join(root, 'tests/fixtures/situations');
  const SIT = ['abuse', 'legal-threat', 'personal-advance', 'public-review', 'panic', 'urgency', 'haggling', 'freeloading', 'know-better', 'chronic-complainer'];
  const msgs = LANGS.flatMap((l) => existsSync(join(dir, `${l}.jsonl`)) ? readFileSync(join(dir, `${l}.jsonl`), 'utf8').split('\n').filter(Boolean).map((x) => JSON.parse(x)) : [])
    .filter((o) => !onlyLang || o.lang === onlyLang);
  if (msgs.length) {
    const input = msgs.map((o) => JSON.stringify({ id: o.id, text: '', customer: o.message })).join('\n') + '\n';
    const t1 = performance.now();
    const rs = spawnSync(process.execPath, [join(root, 'bin/tact.mjs'), 'check', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms2 = performance.now() - t1;
    const got = rs.stdout.trim().split('\n').map((l) => JSON.parse(l).situation ?? null);
    const cell = () => ({ tp: 0, fp: 0, fn: 0 });
    const by = new Map(); // `${lang}|${sit}` and `*|${sit}`
    const at = (k) => (by.get(k) ?? by.set(k, cell()).get(k));
    let falseAlarms = 0, nones = 0, exact = 0;
    const wrong = [];
    msgs.forEach((o, i) => {
      const want = o.situation, have = got[i];
      if (want === have) exact++;
      if (want === null) { nones++; if (have) falseAlarms++; }
      for (const l of [o.lang, '*']) {
        if (want && want === have) at(`${l}|${want}`).tp++;
        if (want && want !== have) at(`${l}|${want}`).fn++;
        if (have && have !== want) at(`${l}|${have}`).fp++;
      }
      if (want !== have) wrong.push(`SITUATION ${o.id}: want ${want} got ${have}: ${o.message.replace(/\s+/g, ' ').slice(0, 110)}`);
    });
    const pr = (c) => ({ p: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1, r: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1 });
    const sl = LANGS.filter((l) => msgs.some((o) => o.lang === l));
    console.log(`\nsituations: ${msgs.length} customer messages (${sl.map((l) => `${l} ${msgs.filter((o) => o.lang === l).length}`).join(', ')}); CLI ran in ${Math.round(ms2)} ms`);
    console.log('P/R by situation: all languages, then each');
    console.log('situation'.padEnd(20) + 'all'.padEnd(12) + sl.map((l) => l.padEnd(11)).join(''));
    for (const s of SIT) {
      const a = pr(at(`*|${s}`));
      console.log(s.padEnd(20) + `${fmt(a.p)}/${fmt(a.r)}`.padEnd(12) + sl.map((l) => { const x = pr(at(`${l}|${s}`)); return `${fmt(x.p)}/${fmt(x.r)}`.padEnd(11); }).join(''));
    }
    const macro = SIT.map((s) => pr(at(`*|${s}`)));
    const mp = macro.reduce((n, x) => n + x.p, 0) / SIT.length, mr = macro.reduce((n, x) => n + x.r, 0) / SIT.length;
    console.log(`situations overall: accuracy ${fmt(exact / msgs.length)}, macro P ${fmt(mp)} R ${fmt(mr)} F1 ${fmt(f1(mp, mr))}; ordinary messages given a situation: ${falseAlarms}/${nones}`);
    if (showMisses) console.log('\n' + wrong.join('\n'));
  }
}
