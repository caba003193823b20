/**
 * Which of Tact's languages a reply is written in. Script decides most of it (Arabic, Han,
 * Cyrillic, Latin); within a script, a few very frequent words and letters tell ru from bg and
 * en from eo. A reply in two scripts (an Arabic greeting over an English body) gets both.
 * The extension may pass the browser's i18n.detectLanguage() result as `lang` instead.
 */
import type { Lang } from './types.js';


const RU_ONLY = /[ыэё]/giu;
const BG_ONLY = /[ъ](?=[\p{L}])|(?<![\p{L}])(?:съм|сте|ще|със|във|тази|този|това|които|нещо|може|има|няма|беше|вашия|вашата|нашия|благодарим ви)(?![\p{L}])/giu;
const RU_WORDS = /(?<![\p{L}])(?:это|что|как|вы|мы|ваш|ваша|вашего|пожалуйста|уже|если|только|очень|сейчас|нет|есть|был|была|будет|можно)(?![\p{L}])/giu;
const BG_WORDS = /(?<![\p{L}])(?:е|се|ви|ни|са|ще|това|тук|който|която|които|моля|вие|ние|сега|вашата|вашия|нашия|нашата)(?![\p{L}])/giu;
const RU_ENDINGS = /[\p{L}]{2,}(?:ть|ться|тся|ый|ые|ого|ему|ых|ими|ешь)(?![\p{L}])/giu;
const BG_ENDINGS = /[\p{L}]{2,}(?:ът|ят|ата|ото|ите|ахме|ихме)(?![\p{L}])/giu;

const EO_LETTERS = /[ĉĝĥĵŝŭ]/giu;
const EO_WORDS = /(?<![\p{L}])(?:la|kaj|estas|vi|ni|mi|por|via|nia|ke|ne|al|de|en|kun|tio|ĉu|dankon|bonvolu|saluton|estimata|amike|povas|jam|ankaŭ|sed|estos|devas|viaj|niaj)(?![\p{L}])/giu;
const EN_WORDS = /(?<![\p{L}])(?:the|and|is|you|we|your|our|to|of|for|it|this|that|have|please|thanks|thank|with|be|are|can|will|on|in)(?![\p{L}])/giu;

const URLISH = /[\w~:+%#?=&-]*[./@][\w~:+%#?=&./@-]*[./@][\w~:+%#?=&./@-]*/g;

const count = (re: RegExp, s: string) => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s)) n++;
  return n;
};

/** Languages present in the text, the dominant first. Never empty (defaults to en). */
export function detectLanguages(text: string): Lang[] {
  // links, e-mail addresses and file names say nothing about the language
  const head = text.length > 20000 ? text.slice(0, 20000) : text;
  const sample = /[./@]\S*[./@]/.test(head) ? head.replace(URLISH, ' ') : head;
  // count letters by script with a plain loop: a regex per character is 50x slower
  let ar = 0, han = 0, cyr = 0, lat = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) { if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) lat++; }
    else if (c >= 0x0400 && c <= 0x052f) cyr++;
    else if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) ar++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) lat++;
  }
  const total = ar + han + cyr + lat;
  if (total === 0) return ['en'];
  const found: [Lang, number][] = [];
  // Han characters carry a word each: weigh them up against letters.
  const weights: [string, number][] = [['ar', ar], ['zh', han * 3], ['cyr', cyr], ['lat', lat]];
  const sum = weights.reduce((a, [, n]) => a + n, 0);
  for (const [script, n] of weights) {
    if (n === 0 || (n < 12 && n / sum < 0.05)) continue;
    if (script === 'cyr') found.push([cyrillicLang(sample), n]);
    else if (script === 'lat') {
      // Latin in a mostly non-Latin reply is usually a URL, a name or a product: keep it
      // only when it looks like running text.
      if (n / sum < 0.25 && count(EN_WORDS, sample) + count(EO_WORDS, sample) < 3) continue;
      found.push([latinLang(sample), n]);
    } else found.push([script as Lang, n]);
  }
  if (found.length === 0) return ['en'];
  return found.sort((a, b) => b[1] - a[1]).map(([l]) => l);
}

function cyrillicLang(s: string): Lang {
  const ru = count(RU_ONLY, s) * 2 + count(RU_WORDS, s) + count(RU_ENDINGS, s);
  const bg = count(BG_ONLY, s) * 2 + count(BG_WORDS, s) + count(BG_ENDINGS, s);
  return bg > ru ? 'bg' : 'ru';
}

function latinLang(s: string): Lang {
  const eo = count(EO_LETTERS, s) * 2 + count(EO_WORDS, s);
  const en = count(EN_WORDS, s);
  return eo > en ? 'eo' : 'en';
}
