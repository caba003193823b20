// The incremental session gives exactly what a full check gives, after any sequence of edits.
import { describe, expect, it } from 'vitest';
import { CheckSession } from '../src/engine/session.js';
import { fixtureChecker as checker } from './fixtures-rules.js';
import { check, createSession } from '../src/engine/index.js';

const strip = (fs: { ruleId: string; start: number; end: number }[]) => fs.map((f) => `${f.ruleId}@${f.start}-${f.end}`);

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('CheckSession', () => {
  it('typing a reply key by key matches a full check at every step', () => {
    const s = new CheckSession(checker);
    const reply = 'Hi Ann,\n\nWe apologize for any inconvenience.\nThis was user error, sorry.\n\nПриносим извинения за неудобства.';
    let text = '';
    for (const ch of reply) {
      text += ch;
      expect(strip(s.update(text))).toEqual(strip(checker.check(text)));
    }
    expect(s.update(text).length).toBe(3);
  });

  it('random inserts, deletes and pastes match a full check (300 edits)', () => {
    const r = rng(7);
    const s = new CheckSession(checker);
    const pieces = ['We apologize for any inconvenience. ', 'user error', '\n', 'Hi ', 'ok. ', 'not ', 'Приносим извинения за неудобства', 'x'];
    let text = 'Hello there.\n';
    for (let n = 0; n < 300; n++) {
      const at = Math.floor(r() * (text.length + 1));
      if (r() < 0.35 && text.length > 0) {
        const len = 1 + Math.floor(r() * 6);
        text = text.slice(0, at) + text.slice(at + len);
      } else text = text.slice(0, at) + pieces[Math.floor(r() * pieces.length)]! + text.slice(at);
      expect(strip(s.update(text)), `after edit ${n}: ${JSON.stringify(text)}`).toEqual(strip(checker.check(text)));
    }
  });

  it.each([11, 12, 13])('with the bundled rules, typing and editing inside long paragraphs matches a full check (seed %i, 600 edits)', (seed) => {
    const r = rng(seed);
    const s = createSession();
    const pieces = ['We apologize for any inconvenience. ', 'As I already said, ', 'you should have read the manual. ', 'Customer satisfaction is our no. 1 priority. ',
      'e.g. ', 'Great. Just great. ', 'please read our FAQ: https://help.example.com/faq ', 'Rest assured, ', '. ', '! ', 'Oh ', 'y', ' '];
    let text = 'Hi Anna, thanks for the details. The export failed twice last night and I re-ran it by hand this morning. ';
    for (let n = 0; n < 600; n++) {
      const at = Math.floor(r() * (text.length + 1));
      if (r() < 0.3 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 8));
      else text = text.slice(0, at) + pieces[Math.floor(r() * pieces.length)]! + text.slice(at);
      expect(strip(s.update(text)), `after edit ${n}: ${JSON.stringify(text)}`).toEqual(strip(check(text)));
    }
  });

  it('works on the bundled rules through createSession()', () => {
    const s = createSession();
    const text = 'Thanks for writing in. We apologize for any inconvenience caused.';
    expect(strip(s.update(text))).toEqual(strip(check(text)));
  });
});
