// Case-insensitive matching by lowercasing text and rule sources (see src/engine/lower.ts).
import { describe, expect, it } from 'vitest';
import { classClosed, lowerKeepLength, lowerSource } from '../src/engine/lower.js';
import { LANGS } from '../src/engine/types.js';
import { wordClass } from '../src/engine/phrase.js';

describe('lowercased matching', () => {
  it('keeps length and positions, even for characters whose lowercase is longer', () => {
    expect(lowerKeepLength('İstanbul ÀÉ Привет')).toBe('İstanbul àé привет');
    expect(lowerKeepLength('İ').length).toBe(1);
  });
  it('lowercases literals, never escapes or group names', () => {
    expect(lowerSource('\\bWe (?<span>Apologize)\\S+\\W\\D\\P{L}').source).toBe('\\bwe (?<span>apologize)\\S+\\W\\D\\P{L}');
    expect(lowerSource('[A-Z]+ FAQ').source).toBe('[A-Z\\u0061-\\u007a]+ faq'); // a class gains the lowercase it lacked
  });
  it("every language's word class is closed under lowercasing, so rules need no i flag", () => {
    for (const l of LANGS) expect(classClosed(`[${wordClass(l)}]`), l).toBe(true);
    expect(lowerSource(`(?<![${wordClass('ru')}])Привет`)).toEqual({ source: `(?<![${wordClass('ru')}])привет`, ci: false });
  });
  it('lowercases escaped letters, closes classes, keeps the i flag only for case properties', () => {
    expect(lowerSource('\\u0410\\u0411')).toEqual({ source: '\\u0430\\u0431', ci: false }); // АБ written as escapes
    expect(lowerSource('[\\u0410-\\u042F]')).toEqual({ source: '[\\u0410-\\u042F\\u0430-\\u044f]', ci: false }); // uppercase Cyrillic only
    expect(lowerSource('\\p{Lu}x').ci).toBe(true);
    expect(lowerSource('[\\u0400-\\u04FF]').ci).toBe(false);
  });
  it('matches as the case-insensitive regex did, on lowercased text', () => {
    const srcs = ['\\bplease read our (?:FAQ|Help Center)\\b', '(?<![\\w\\u00C0-\\u024F])ÉCOLE', '[Ѐ-ӿ]+ка'];
    const texts = ['Please Read Our FAQ now', 'please read our help center', 'Voir ÉCOLE et école', 'ПРОВЕРКА проверка'];
    for (const s of srcs) {
      const l = lowerSource(s);
      for (const t of texts) expect(new RegExp(l.source, l.ci ? 'gi' : 'g').exec(lowerKeepLength(t))?.index, `${s} on ${t}`).toBe(new RegExp(s, 'gi').exec(t)?.index);
    }
  });
});
