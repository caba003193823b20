/**
 * Whole-reply check: a help / FAQ / docs link handed over as the whole answer.
 *
 * A link counts when it points at help content (help./support./docs. hosts, /faq, /hc/, /kb,
 * /docs, /articles ... paths) and not at the customer's own order, invoice or account. It is bare
 * when what is left of the reply, once greetings, sign-offs and the referral sentence are set
 * aside, has no steps and little explanation. The rule file gives the language's own referral
 * and step words; the link logic is shared by every language.
 */

export interface BareLinkParams {
  /** regex source (flags iu): phrases that hand a link over ("please refer to our FAQ"). */
  referral: RegExp;
  /** regex source (flags iu): words that show real steps are given ("click", "open", "first"). */
  steps: RegExp;
  /** regex source: greeting or sign-off lines to set aside. */
  frame: RegExp;
}

// with a scheme, www., or a bare domain followed by a path (support.example.com/kb/x, bit.ly/abc)
const URL_RE = /\b(?:https?:\/\/|www\.|(?<![@\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?=\/))[^\s<>"'«»“”]+/giu;
/** Cheap gate: could this text hold a link at all? */
export const MAY_HAVE_LINK = /https?:|www\.|[a-z0-9-]\.[a-z]{2,}\//i;
const TRAILING = /[.,;:!?)\]»”'"。，；：！？）]+$/u;
const HELP_HOST = /^(?:help|support|docs?|kb|faq|faqs|knowledge|knowledgebase|learn|guide|guides|manual|community|wiki|academy|hilfe|ayuda|aide|helpo|pomosh|pomoshch|spravka|podderzhka|bangzhu)[.-]|\.(?:zendesk\.com|helpscoutdocs\.com|intercom\.help|freshdesk\.com|gitbook\.io|readme\.io)$/i;
const HELP_PATH = /\/(?:faqs?|help|helpcenter|help-center|support|docs?|documentation|kb|knowledge(?:-?base)?|hc|articles?|guides?|manuals?|tutorials?|how-?to|wiki|learn|answers?|questions|instructions?|pomoshch|pomosh|spravka|voprosy|vuprosi|pomosht|helpo|od|oftaj-demandoj|bangzhu|wenti|changjian)(?=[\/\-_.?#]|$)/i;
const OWN_PATH = /\/(?:orders?|invoices?|receipts?|my-?account|account|billing|track(?:ing)?|tickets?|cart|checkout|returns?|subscriptions?|downloads?|reset|verify|confirm|login|sign-?in|shipments?|payments?|bookings?|reservations?)(?=[\/\-_.?#]|$)/i;

export interface LinkSpan { start: number; end: number; url: URL | null; }

export function findLinks(text: string): LinkSpan[] {
  const out: LinkSpan[] = [];
  URL_RE.lastIndex = 0;
  for (let m; (m = URL_RE.exec(text)); ) {
    const raw = m[0].replace(TRAILING, '');
    let url: URL | null = null;
    try { url = new URL(/^https?:/i.test(raw) ? raw : `https://${raw}`); } catch { url = null; }
    out.push({ start: m.index, end: m.index + raw.length, url });
  }
  return out;
}

/** Help content: a help host, or a help path (/help/returns is an article about returns). */
export function isHelpLink(url: URL | null): boolean {
  if (!url) return false;
  return HELP_HOST.test(url.hostname) || HELP_PATH.test(url.pathname);
}

/** A link to the customer's own order, invoice, account...: never a bare help link. */
export function isOwnLink(url: URL | null): boolean {
  return !!url && !isHelpLink(url) && (OWN_PATH.test(url.pathname) || /[?&](?:order|invoice|ticket|booking)(?:_?id)?=/i.test(url.search));
}

const SENTENCE_END = /[.!?。！？؟\n]/u;
/** Chinese (and Arabic) sentence ends need no space after them. */
const FULLWIDTH_END = /[。！？؟]/u;
const WORD = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/gu;
const LIST_ITEM = /^[ \t]*(?:\d{1,2}[.)]|[-*•–])[ \t]+\S/m;

function wordCount(s: string): number {
  const han = s.match(HAN)?.length ?? 0;
  const words = (s.replace(HAN, ' ').match(WORD)?.length ?? 0);
  return words + Math.ceil(han / 2);
}

/** Start of the sentence that holds offset i (a line break or sentence end before it). */
function sentenceStart(text: string, i: number): number {
  let s = i;
  while (s > 0) {
    const c = text[s - 1]!;
    if (c === '\n') break;
    // a period inside a URL or a number is not a sentence end
    if (SENTENCE_END.test(c) && (/\s/.test(text[s] ?? ' ') || FULLWIDTH_END.test(c))) break;
    s--;
  }
  return s;
}

function sentenceEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && text[e] !== '\n') {
    if (SENTENCE_END.test(text[e]!) && (/\s|$/.test(text[e + 1] ?? '') || FULLWIDTH_END.test(text[e]!))) { e++; break; }
    e++;
  }
  return e;
}

/** Max words of explanation a reply may hold beside a help link and still count as bare. */
const EXPLANATION_WORDS = 18;

export function findBareLinks(text: string, p: BareLinkParams): [number, number][] {
  // help links, and any other link (a short link, a page) that a referral phrase hands over
  const links = findLinks(text).filter((l) => isHelpLink(l.url)
    || (!isOwnLink(l.url) && p.referral.test(text.slice(sentenceStart(text, l.start), l.start))));
  if (links.length === 0) return [];
  // What remains once link sentences, greeting and sign-off lines are set aside.
  const spans: [number, number][] = [];
  const linkSentences: [number, number][] = [];
  for (const l of links) {
    let s = sentenceStart(text, l.start);
    // "Please see these articles:\n\n- https://...\n- https://..." : the referral sits on a line
    // above, past blank lines, bullets and other link lines.
    if (/^\s*(?:[-*•]|\d{1,2}[.)])?\s*$/.test(text.slice(s, l.start))) {
      let lineEnd = s - 1;
      while (lineEnd > 0) {
        const ls = text.lastIndexOf('\n', lineEnd - 1) + 1;
        const line = text.slice(ls, lineEnd).trim();
        if (line === '' || /^(?:[-*•]|\d{1,2}[.)])?\s*(?:https?:\/\/|www\.)\S+$/.test(line)) { lineEnd = ls - 1; continue; }
        const ps = sentenceStart(text, lineEnd);
        const prev = text.slice(ps, lineEnd);
        if (p.referral.test(prev) || /[:：]\s*$/.test(prev)) s = ps;
        break;
      }
    }
    const e = sentenceEnd(text, l.end);
    linkSentences.push([s, e]);
  }
  let rest = '';
  let last = 0;
  for (const [s, e] of linkSentences) { rest += text.slice(last, s) + '\n'; last = Math.max(last, e); }
  rest += text.slice(last);
  const body = rest.split('\n').filter((line) => {
    const t = line.trim();
    if (!t) return false;
    if (p.frame.test(t) && wordCount(t) <= 8) return false;
    if (wordCount(t) <= 3) return false; // names, titles, "Hi Ann," "Support team"
    return true;
  }).join('\n');
  if (LIST_ITEM.test(rest) || p.steps.test(body)) return [];
  if (wordCount(body) > EXPLANATION_WORDS) return [];
  for (const [i, l] of links.entries()) {
    const [s] = linkSentences[i]!;
    const sentence = text.slice(s, l.end);
    p.referral.lastIndex = 0;
    const m = p.referral.exec(sentence);
    const from = m ? s + m.index : s + (sentence.length - sentence.trimStart().length);
    spans.push([from, l.end]);
  }
  return spans;
}
