// Offsets always slice to the flagged text, whatever Unicode surrounds it; huge input is bounded.
import { describe, expect, it } from 'vitest';
import { fixtureChecker as checker } from './fixtures-rules.js';
import { check } from '../src/engine/index.js';

// A deterministic PRNG so a failure can be replayed.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const NOISE = ['🙂', '👩🏽‍💻', '🇧🇬', 'e\u0301', 'ñ', '\u200b', '\u00ad', '\r\n', '\n', '\t', ' ', '\u00a0', 'مرحبا', 'نَعْتَذِرُ', '\u200f',
  '你好', '。', '«', '»', '“', '’', 'Ёж', 'ŝ', '\ud83d', 'x', '.', ',', 'https://help.example.com/faq'];
const PHRASES = ['We apologize for any inconvenience', 'we apologise for the inconvenience', 'This was user error', 'Приносим извинения за неудобства',
  'نعتذر عن الإزعاج', 'نَعْتَذِرُ عَنِ الإِزْعَاجِ', '给您带来的不便敬请谅解', 'We’re sorry for the inconvenience'];

describe('offsets', () => {
  it('slice to the reported text for random Unicode around real phrases (500 texts)', () => {
    const r = rng(42);
    let flagged = 0;
    for (let n = 0; n < 500; n++) {
      let t = '';
      const parts = 3 + Math.floor(r() * 12);
      for (let k = 0; k < parts; k++) {
        t += r() < 0.3 ? PHRASES[Math.floor(r() * PHRASES.length)]! : NOISE[Math.floor(r() * NOISE.length)]!;
        if (r() < 0.5) t += ' ';
      }
      for (const f of checker.check(t)) {
        flagged++;
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(t.length);
        expect(f.end).toBeGreaterThan(f.start);
        expect(t.slice(f.start, f.end)).toBe(f.text);
        // never split a surrogate pair
        expect(/[\ud800-\udbff]/.test(t[f.start - 1] ?? '') && /[\udc00-\udfff]/.test(t[f.start]!)).toBe(false);
        expect(/[\ud800-\udbff]/.test(t[f.end - 1]!) && /[\udc00-\udfff]/.test(t[f.end] ?? '')).toBe(false);
      }
    }
    expect(flagged).toBeGreaterThan(100);
  });

  it('Arabic with diacritics and CRLF maps to the original characters', () => {
    const t = 'مرحبا،\r\nنَعْتَذِرُ عَنِ الإِزْعَاجِ\r\nشكرا';
    const [f] = checker.check(t);
    expect(f!.text).toBe('نَعْتَذِرُ عَنِ الإِزْعَاجِ');
  });
});

describe('bad input', () => {
  it('1 MB of mixed text returns in bounded time without hanging', () => {
    const unit = 'We apologize for any inconvenience. 🙂 Приносим извинения за неудобства. aaaa aaaa aaaa ((((( ]]]]] ';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const t0 = performance.now();
    const found = checker.check(big);
    const ms = performance.now() - t0;
    expect(found.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(15_000); // a hang guard, not a speed test: see npm run bench
  });
  it('the bundled rules handle 1 MB of pathological text (no catastrophic backtracking)', () => {
    const nasty = ['a'.repeat(200_000), ' '.repeat(200_000), 'you '.repeat(50_000), '.'.repeat(100_000), 'ا'.repeat(100_000), 'http://'.repeat(20_000)].join('\n');
    const t0 = performance.now();
    check(nasty);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
  it('lone surrogates and control characters do not throw', () => {
    expect(() => check('\ud800\udfff\u0000\u0007 We apologize\ud83d for any inconvenience \uffff')).not.toThrow();
  });
});
