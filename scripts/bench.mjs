#!/usr/bin/env node
// Speed of check() beside peer checkers, in one process on the same fixed texts (bench/texts.mjs).
// Prints median and p95 per call and the ratio of each peer to Tact. A benchmark, not a test:
// this machine is shared and noisy; differences under ~2x are not significant.
//   npm run bench [-- --quick] [-- --no-harper]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chats, emails, pastes } from '../bench/texts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const engineUrl = pathToFileURL(join(root, 'dist/engine/index.js')).href;

// 1. Cold start: engine import + first check, each in a fresh process.
const cold = [];
for (let i = 0; i < (quick ? 3 : 9); i++) {
  const code = `const t0=performance.now();const m=await import(${JSON.stringify(engineUrl)});m.check(${JSON.stringify(emails[0])});console.log(performance.now()-t0)`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  cold.push(Number(r.stdout.trim()));
}

const engine = await import(engineUrl);
engine.setTaggerLoader(() => require('compromise'));

function time(fn, inputs, { minRuns = 30, maxMs = 3000, maxRuns = 2000 } = {}) {
  for (let i = 0; i < Math.min(5, inputs.length * 2); i++) fn(inputs[i % inputs.length]); // warm-up
  const t = [];
  const start = performance.now();
  for (let i = 0; t.length < maxRuns && (t.length < minRuns || performance.now() - start < maxMs); i++) {
    const x = inputs[i % inputs.length];
    const a = performance.now();
    fn(x);
    t.push(performance.now() - a);
    if (t.length >= minRuns && performance.now() - start > maxMs) break;
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)], n: t.length };
}

const sizes = [['chat ~300', chats], ['email ~2,000', emails], ['paste ~20,000', pastes]];
const results = {}; // name -> size -> stat
const record = (name, size, stat) => ((results[name] ??= {})[size] = stat);

for (const [size, inputs] of sizes) record('tact check()', size, time((t) => engine.check(t), inputs));

// Keystroke: one character typed in the middle of a 2,000-char email, in a live session.
{
  const s = engine.createSession();
  const base = emails[0];
  const mid = base.indexOf('Here is what happened.');
  let k = 0;
  s.update(base);
  const variants = Array.from({ length: 40 }, (_, i) => base.slice(0, mid) + 'abcdefghij'.slice(0, (i % 10) + 1) + base.slice(mid));
  record('tact keystroke (session)', 'email ~2,000', time(() => { s.update(variants[k++ % variants.length]); }, [0], { minRuns: 200 }));
}

// Peers, in-process.
const writeGood = require('write-good');
for (const [size, inputs] of sizes) record('write-good', size, time((t) => writeGood(t), inputs, { maxMs: 2000 }));
const { text: alex } = await import('alex');
for (const [size, inputs] of sizes) record('alex', size, time((t) => alex(t), inputs, { minRuns: 10, maxMs: 2000 }));
if (!process.argv.includes('--no-harper')) {
  try {
    const { LocalLinter, Dialect } = await import('harper.js');
    const { binary } = await import('harper.js/binary');
    const linter = new LocalLinter({ binary, dialect: Dialect.American });
    await linter.setup();
    // harper caches per chunk: give it a fresh variant each call
    for (const [size, inputs] of sizes) {
      const runs = size.startsWith('paste') ? 3 : quick ? 5 : 12;
      const fresh = Array.from({ length: runs + 2 }, (_, i) => inputs[i % inputs.length].replace(/\b(the)\b/, `the${i}x`));
      const t = [];
      for (const [i, x] of fresh.entries()) {
        const a = performance.now();
        const lints = await linter.lint(x, { language: 'plaintext' });
        const ms = performance.now() - a;
        for (const l of lints) l.free?.();
        if (i >= 2) t.push(ms); // the first lints load the dictionary
      }
      t.sort((a, b) => a - b);
      record('harper.js', size, { median: t[Math.floor(t.length / 2)], p95: t[t.length - 1], n: t.length });
    }
  } catch (e) {
    console.error(`harper.js skipped: ${e.message}`);
  }
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const tact = results['tact check()'];
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}; median (p95) per call, runs in brackets\n`);
console.log('| checker | ' + sizes.map(([s]) => s).join(' | ') + ' |');
console.log('|---|' + sizes.map(() => '---').join('|') + '|');
for (const [name, row] of Object.entries(results)) {
  const cells = sizes.map(([s]) => {
    const r = row[s];
    if (!r) return '';
    const ratio = name.startsWith('tact') ? '' : ` = ${(r.median / tact[s].median).toFixed(0)}x Tact`;
    return `${fmt(r.median)} (${fmt(r.p95)}) [${r.n}]${ratio}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
cold.sort((a, b) => a - b);
console.log(`\nengine import + first check (fresh process, email): median ${fmt(cold[Math.floor(cold.length / 2)])}, max ${fmt(cold[cold.length - 1])} [${cold.length}]`);
const budget = [
  ['2,000-char check median <= 1 ms', tact['email ~2,000'].median <= 1],
  ['keystroke re-check median <= 0.2 ms', results['tact keystroke (session)']['email ~2,000'].median <= 0.2],
  ['20,000-char paste median <= 10 ms', tact['paste ~20,000'].median <= 10],
  ['import + first check <= 50 ms', cold[Math.floor(cold.length / 2)] <= 50],
];
console.log('budgets: ' + budget.map(([k, ok]) => `${ok ? 'OK' : 'OVER'} ${k}`).join('; '));
