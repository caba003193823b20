// The `tact` command as a user runs it (needs `npm run build`; `npm test` builds first).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

const tact = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/tact.mjs'), ...args], { input, encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'tact-cli-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('tact check', () => {
  it('prints findings like a linter and exits 1', () => {
    const p = file('macro.txt', 'Hello,\n\nWe apologize for any inconvenience caused.\n');
    const r = tact(['check', p]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1  cliche`));
    expect(r.out).toContain('"We apologize for any inconvenience');
  });
  it('exits 0 on a clean file, json output on request', () => {
    const p = file('clean.txt', 'Sorry the export failed right before your deadline; I re-ran it and attached the file.');
    expect(tact(['check', p]).code).toBe(0);
    const j = tact(['check', '--format', 'json', p]);
    expect(JSON.parse(j.out)).toEqual([{ file: p, findings: [] }]);
  });
  it('--jsonl answers one line per input, in order', () => {
    const input = [
      { id: 'a', text: 'We apologize for any inconvenience.' },
      { id: 'b', text: 'All fixed, the refund is on its way.' },
      { id: 'c', text: 'Приносим извинения за доставленные неудобства.', lang: 'ru' },
    ].map((o) => JSON.stringify(o)).join('\n') + '\n';
    const r = tact(['check', '--jsonl'], input);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[0].findings[0]).toMatchObject({ category: 'cliche', start: 0 });
    expect(Object.keys(lines[0].findings[0]).sort()).toEqual(['category', 'end', 'message', 'ruleId', 'start', 'suggestions']);
    expect(lines[1].findings).toEqual([]);
    expect(lines[2].findings.length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });
  it('bad input exits 2 with a clear message, never a stack trace', () => {
    for (const args of [['check', '/nonexistent/file.txt'], ['check', '--lang', 'xx', 'f'], ['frobnicate'], ['check', '--format', 'yaml', 'f']]) {
      const r = tact(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^tact: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const r = tact(['check', '--jsonl'], '{"id":1,"text":"ok"}\nnot json\n{"id":3}\n');
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([1, null, 3]);
    expect(r.err).toContain('stdin:2: not JSON');
  });
  it('tact rules test runs every example', () => {
    const r = tact(['rules', 'test', '--no-redos']);
    expect(r.out).toMatch(/\d+ rules, \d+ examples: all pass/);
    expect(r.code).toBe(0);
  });
});
