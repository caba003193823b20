#!/usr/bin/env node
// Build: compile and test rules/ into src/generated/rules.json, then bundle the CLI.
// Refuses a bad rule file with `file:line  what is wrong` and exits 1.
//   node build.mjs [--quiet] [--rules-only]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const quiet = process.argv.includes('--quiet');
const log = (...a) => { if (!quiet) console.log(...a); };
const t0 = performance.now();

// 1. The rule compiler is TypeScript: bundle it for Node first.
mkdirSync(join(root, '.build'), { recursive: true });
mkdirSync(join(root, 'src/generated'), { recursive: true });
if (!existsSync(join(root, 'src/generated/rules.json'))) writeFileSync(join(root, 'src/generated/rules.json'), '{"version":1,"rules":[]}');
if (!existsSync(join(root, 'src/generated/rule-docs.json'))) writeFileSync(join(root, 'src/generated/rule-docs.json'), '{}');
if (!existsSync(join(root, 'src/generated/rule-ids.json'))) writeFileSync(join(root, 'src/generated/rule-ids.json'), '[]');
await build({
  entryPoints: [join(root, 'src/rules/node.ts')], outfile: join(root, '.build/compile.mjs'),
  bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error',
});
const { compileRulesDir, rulesDoc } = await import(pathToFileURL(join(root, '.build/compile.mjs')).href + `?t=${Date.now()}`);

// 2. Compile rules/, check every regex for catastrophic backtracking, run every example.
const skipRedos = process.argv.includes('--skip-redos'); // development only: CI and npm test check
const { rules, source, errors, playbooks, files, redosChecked } = await compileRulesDir(root, { recheckAll: process.argv.includes('--recheck-all'), redos: !skipRedos });
if (skipRedos) console.warn('build: --skip-redos: regexes were NOT checked for catastrophic backtracking');
// --lenient (development only: several people editing rules/ at once): leave out files with problems
const lenient = process.argv.includes('--lenient');
if (errors.length && lenient) {
  const bad = new Set(errors.map((e) => e.file));
  console.warn(`build: --lenient: left out ${bad.size} rule file(s) with problems: ${[...bad].join(', ')}`);
  for (let i = rules.length - 1; i >= 0; i--) if (bad.has(source[i].file)) { rules.splice(i, 1); source.splice(i, 1); }
} else if (errors.length) {
  for (const e of errors) console.error(`${e.file}:${e.line}  ${e.message}`);
  console.error(`\n${errors.length} problem(s) in rules/; nothing was written.`);
  process.exit(1);
}
const bundleJson = JSON.stringify({ version: 1, rules, playbooks });
writeFileSync(join(root, 'src/generated/rules.json'), bundleJson);
// the background page needs only the ids (team rules may not reuse them), not the 3 MB bundle
writeFileSync(join(root, 'src/generated/rule-ids.json'), JSON.stringify(rules.map((r) => r.id)));
// docs/rules.md, the list of every rule (left alone by --lenient builds, which leave rules out)
if (!lenient) {
  mkdirSync(join(root, 'docs'), { recursive: true });
  const doc = rulesDoc(source);
  const docFile = join(root, 'docs/rules.md');
  if (!existsSync(docFile) || readFileSync(docFile, 'utf8') !== doc) writeFileSync(docFile, doc);
}
// one example of each kind per rule, for the options page's rule list
writeFileSync(join(root, 'src/generated/rule-docs.json'), JSON.stringify(Object.fromEntries(source.map((r) => [r.id, { flag: r.examples.flag[0]?.text, pass: r.examples.pass[0]?.text }]))));
const byLang = {};
for (const r of rules) byLang[r.lang] = (byLang[r.lang] ?? 0) + 1;
log(`rules: ${rules.length} rules from ${files} files (${Object.entries(byLang).map(([l, n]) => `${l} ${n}`).join(', ')}); ${redosChecked} regexes checked for ReDoS`);
const anchorless = rules.filter((r) => (r.kind === 'phrases' || r.kind === 'regex') && !r.anchors);
if (anchorless.length) log(`  ${anchorless.length} rules have no anchor and run on every reply: ${anchorless.map((r) => r.id).join(', ')}`);
if (process.argv.includes('--rules-only')) process.exit(0);

// 3. Bundles.
const outputs = [];
await build({
  entryPoints: { 'cli/tact': join(root, 'src/cli/main.ts'), 'engine/index': join(root, 'src/engine/index.ts') },
  outdir: join(root, 'dist'), bundle: true, platform: 'node', format: 'esm', target: 'node20',
  packages: 'external', logLevel: 'error', metafile: true, charset: 'utf8',
}).then((r) => outputs.push(...Object.keys(r.metafile.outputs)));
for (const out of outputs) {
  const buf = readFileSync(join(root, out));
  log(`  ${out.padEnd(32)} ${(buf.length / 1024).toFixed(1).padStart(7)} KB  gzip ${(gzipSync(buf).length / 1024).toFixed(1).padStart(6)} KB`);
}
const { buildExtension } = await import('./scripts/extension.mjs');
await buildExtension(root, { log });
log(`built in ${Math.round(performance.now() - t0)} ms`);
