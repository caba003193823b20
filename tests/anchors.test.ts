// Anchors: literals one of which every match contains. Wrong anchors would silently drop
// findings, so the extraction is tested here and every rule example runs through it too.
import { describe, expect, it } from 'vitest';
import { regexAnchors } from '../src/engine/anchors.js';
import { phraseAnchors } from '../src/engine/phrase.js';

describe('anchors', () => {
  it('come from required literals of a regex', () => {
    expect(regexAnchors('\\b(?<span>(as|like) I (already|just) (said|explained))\\b')).toEqual(['explained', 'said']);
    expect(regexAnchors('(?:we|I)\\s+regret to inform')).toEqual(['regret']);
    expect(regexAnchors('hel+o world')).toEqual(['world']);
    expect(regexAnchors('(?<span>🙄+)')).toEqual(['🙄']);
    expect(regexAnchors('冷\\s?静')).toEqual(['冷静']);
  });
  it('are absent when no literal is guaranteed', () => {
    expect(regexAnchors('foo|[a-z]+')).toBe(null);
    expect(regexAnchors('x(?:abc)?y')).toBe(null);
    expect(regexAnchors('(?=inform)\\w+')).toBe(null);
  });
  it('come from required words of phrases, never from optional parts or any-word', () => {
    expect(phraseAnchors(['we [sincerely] (apologize|apologise) for (any|the) inconvenience'])).toEqual(['inconvenience']);
    expect(phraseAnchors(['приносим извинени* за неудобств*', 'sorry _ trouble'])).toEqual(['trouble', 'извинени', 'неудобств'].filter((a) => a !== 'извинени'));
    expect(phraseAnchors(['[please] _'])).toBe(null);
  });
});
