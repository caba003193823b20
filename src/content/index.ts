/**
 * Tact's content script.
 *
 *   page ──focusin/input/mutations──▶ adapter (by host: where composers are)
 *                                        │ one Composer per editor the agent uses
 *                                        ▼
 *               bridge (by editor kind: read text, map offsets, replace via the editor's path)
 *                                        │ text
 *                                        ▼
 *               engine CheckSession (incremental, after a 30 ms pause, never on the input path)
 *                                        │ findings
 *                 ┌──────────────────────┼──────────────────────┐
 *                 ▼                      ▼                      ▼
 *         CSS highlights          badge + textarea boxes      popover (Preact)
 *         (no editor DOM)         (Tact's shadow root)        (Tact's shadow root)
 *
 * Dormant until the site is on (built-in host, or the agent turned the generic adapter on) and
 * an editor is found. The engine is built on first use; compromise loads only if an English
 * pattern rule's trigger matches. Every handler is wrapped: an error in Tact is logged and
 * stops Tact, never the page.
 */
import browser from 'webextension-polyfill';
import { compileTeamPhrases } from '../rules/team.js';
import { loadSettings, saveUser, onSettingsChanged } from '../shared/store.js';
import type { CompiledRule } from '../engine/types.js';
import { createChecker, setTaggerLoader, type Checker } from '../engine/index.js';
import { createSituationDetector, type SituationDetector } from '../engine/situations.js';
import { LANGS, type Lang, type Situation } from '../engine/types.js';
import bundle from '../generated/rules.json';
import type { CheckOptions, RuleBundle } from '../engine/types.js';
import { siteEnabled, toCheckOptions, type Settings } from '../shared/settings.js';
import { t } from '../shared/i18n.js';
import { adapterFor, generic } from './adapters/index.js';
import { detectKind, optedOut, type Adapter } from './adapters/adapter.js';
import { EditableBridge } from './bridges/editable.js';
import { TextareaBridge } from './bridges/textarea.js';
import { Composer } from './controller.js';
import { clearHighlights, paintHighlights, styleShadowRoot } from './highlights.js';
import { Ui, type Card, type Open, type UiActions } from './ui.js';

declare const require: (id: string) => any;
setTaggerLoader(() => require('compromise').default ?? require('compromise'));

const guard = <A extends unknown[]>(fn: (...a: A) => void) => (...a: A) => {
  try { fn(...a); } catch (e) { console.warn('[Tact]', e); }
};

class TactPage {
  private checker: Checker | null = null;
  private options: CheckOptions = {};
  private settings: Settings | null = null;
  private composers = new Map<HTMLElement, Composer>();
  private observers = new Map<HTMLElement, MutationObserver>();
  private active: Composer | null = null;
  private open: Open | null = null;
  private ui: Ui | null = null;
  private on = false;
  private frame = 0;
  private scanQueued = false;
  private docObserver: MutationObserver | null = null;
  private abort = new AbortController();
  /** Situation playbooks: the customer's latest message (from the page, or pasted in the popup). */
  private detector: SituationDetector | null = null;
  private pasted: string | null = null;
  private customer = '';
  private card: Card | null = null;
  private cardOpen = true;

  constructor(private adapter: Adapter) {}

  /** packRules: team packs, compiled by the background page (see background/index.ts). */
  applySettings(s: Settings, packRules: CompiledRule[] = []) {
    this.settings = s;
    const options = toCheckOptions(s);
    const team = compileTeamPhrases(s.teamPhrases);
    const extra = [...team.rules, ...packRules];
    if (extra.length) options.extraRules = extra;
    this.options = options;
    this.customer = ''; // re-read the thread under the new settings
    const want = siteEnabled(s, this.adapter.id, location.origin);
    if (want && !this.on) this.start();
    else if (!want && this.on) this.stop();
    else { this.readSituation(); for (const c of this.composers.values()) c.setOptions(this.checkOptions()); }
  }

  /** Check options with the customer's situation (its reply checks run only then). */
  private checkOptions(): CheckOptions {
    return this.card ? { ...this.options, situation: this.card.situation } : this.options;
  }

  /**
   * The customer's latest message: the last element the adapter's thread selectors find (in
   * document order), else what the agent pasted in the popup.
   */
  private customerMessage(): string {
    let last: Element | null = null;
    for (const root of this.roots) for (const sel of this.adapter.thread ?? []) {
      for (const el of Array.from(root.querySelectorAll(sel))) {
        if (el.closest('tact-ui') || [...this.composers.keys()].some((c) => c.contains(el) || el.contains(c))) continue;
        if (!last || (last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) last = el;
      }
    }
    // textContent, not innerText: no layout on the typing path
    const text = last ? (last.textContent ?? '') : this.pasted ?? '';
    return text.trim().slice(-4000);
  }

  /** Detect the situation when the customer's message changed; re-check the replies if it did. */
  private readSituation() {
    if (!this.settings?.playbooks) {
      if (this.card) { this.card = null; for (const c of this.composers.values()) c.setOptions(this.checkOptions()); }
      return;
    }
    const msg = this.customerMessage();
    if (msg === this.customer) return;
    this.customer = msg;
    this.detector ??= createSituationDetector(bundle as RuleBundle);
    const r = this.detector.detect(msg, { lang: this.settings.lang });
    const before = this.card?.situation ?? null;
    if (r.situation) {
      const lang = (this.settings.lang !== 'auto' ? this.settings.lang : r.lang ?? 'en') as Lang;
      const pb = this.detector.playbook(r.situation, lang);
      const ev = r.evidence.find((e) => e.situation === r.situation);
      this.card = pb ? { situation: r.situation, lang, title: pb.title, moves: pb.moves, starters: pb.starters, evidence: ev?.text ?? '' } : null;
    } else this.card = null;
    if ((this.card?.situation ?? null) !== before) {
      this.cardOpen = true;
      for (const c of this.composers.values()) c.setOptions(this.checkOptions());
      this.paintSoon();
    }
  }

  private start() {
    this.on = true;
    this.abort = new AbortController();
    const opts = { capture: true, signal: this.abort.signal } as const;
    document.addEventListener('focusin', guard((e: FocusEvent) => this.onFocus(e)), opts);
    document.addEventListener('input', guard((e: Event) => this.onInput(e)), opts);
    document.addEventListener('mouseup', guard((e: MouseEvent) => this.onMouseUp(e)), opts);
    window.addEventListener('keydown', guard((e: KeyboardEvent) => this.onKey(e)), opts);
    window.addEventListener('scroll', guard(() => this.paintSoon()), { ...opts, passive: true });
    window.addEventListener('resize', guard(() => this.paintSoon()), opts);
    // typing changes only the composer's own DOM: no new editors, no new customer message there
    this.docObserver = new MutationObserver((records) => {
      const inside = (n: Node) => { for (const el of this.composers.keys()) if (el.contains(n)) return true; return false; };
      if (!records.every((r) => inside(r.target))) this.scanSoon();
    });
    this.docObserver.observe(document.documentElement, { childList: true, subtree: true });
    for (const r of shadowRoots(document)) this.addRoot(r);
    this.scan();
  }

  private stop() {
    this.on = false;
    this.abort.abort();
    this.docObserver?.disconnect();
    for (const o of this.observers.values()) o.disconnect();
    for (const c of this.composers.values()) c.destroy();
    this.observers.clear();
    this.composers.clear();
    this.roots = new Set([document]);
    this.open = null;
    clearHighlights();
    this.ui?.destroy();
    this.ui = null;
  }

  /** Mutation callbacks only queue; the scan runs once per frame. */
  private scanSoon() {
    if (this.scanQueued) return;
    this.scanQueued = true;
    requestAnimationFrame(guard(() => { this.scanQueued = false; this.scan(); }));
  }

  /** The document and the open shadow roots seen (walked once at start, then found by focus). */
  private roots = new Set<Document | ShadowRoot>([document]);

  private addRoot(r: ShadowRoot) {
    if (this.roots.has(r)) return;
    this.roots.add(r);
    this.docObserver?.observe(r, { childList: true, subtree: true });
  }

  private scan() {
    for (const root of this.roots) {
      for (const sel of this.adapter.composers) {
        for (const el of Array.from(root.querySelectorAll<HTMLElement>(sel))) this.attach(this.editorRoot(el));
      }
    }
    for (const [el, c] of this.composers) if (!el.isConnected) this.detach(el, c);
    this.readSituation();
  }

  /** The editor element for a node inside it: the outermost contenteditable, or the field. */
  private editorRoot(el: HTMLElement): HTMLElement {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el;
    let cur = el;
    while (cur.parentElement && cur.parentElement.isContentEditable) cur = cur.parentElement;
    return cur;
  }

  private composerFor(target: EventTarget | null): HTMLElement | null {
    if (!(target instanceof HTMLElement)) return null;
    const isField = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement);
    if (!isField && !target.isContentEditable) return null;
    const root = this.editorRoot(target);
    if (this.composers.has(root)) return root;
    return this.adapter.composers.some((s) => root.matches(s) || !!root.querySelector(s) || !!root.closest(s)) ? root : null;
  }

  private attach(el: HTMLElement): Composer | null {
    const existing = this.composers.get(el);
    if (existing) return existing;
    if (optedOut(el)) return null;
    if (!this.checker) { this.checker = createChecker(bundle as RuleBundle); this.warmSoon(); }
    const detected = detectKind(el);
    const kind = detected === 'contenteditable' && this.adapter.editorKind ? this.adapter.editorKind : detected;
    const bridge = kind === 'textarea' ? new TextareaBridge(el as HTMLTextAreaElement) : new EditableBridge(el, kind);
    const c = new Composer(bridge, this.checker, this.checkOptions(), () => this.paint());
    this.composers.set(el, c);
    if (kind !== 'textarea') {
      styleShadowRoot(el);
      // Rich editors change their DOM without native input events (CKEditor renders its model).
      const mo = new MutationObserver(() => c.schedule());
      mo.observe(el, { childList: true, subtree: true, characterData: true });
      this.observers.set(el, mo);
    }
    c.schedule(0);
    return c;
  }

  /**
   * Compile the likely reply language's rules in idle time, so the first keystrokes don't pay
   * V8's regex compilation: the fixed language, else the customer's message's, the page's or
   * the browser's.
   */
  private warmSoon() {
    const ric = (globalThis as any).requestIdleCallback as ((cb: (d: { timeRemaining(): number }) => void) => number) | undefined;
    if (!ric || !this.checker) return;
    const pick = (x: string | null | undefined) => (x ? (x.slice(0, 2).toLowerCase() as Lang) : null);
    const fixed = this.settings?.lang && this.settings.lang !== 'auto' ? this.settings.lang : null;
    const guess = [fixed, this.customer ? this.checker.languages(this.customer)[0] : null, pick(document.documentElement.lang), pick(navigator.language), 'en' as Lang]
      .find((l): l is Lang => !!l && (LANGS as readonly string[]).includes(l))!;
    const step = guard((d: { timeRemaining(): number }) => { if (this.checker && !this.checker.warm(guess, () => d.timeRemaining())) ric(step); });
    ric(step);
  }

  private detach(el: HTMLElement, c: Composer) {
    this.observers.get(el)?.disconnect();
    this.observers.delete(el);
    c.destroy();
    this.composers.delete(el);
    if (this.active === c) this.active = null;
    if (this.open?.composer === c) this.open = null;
    this.paintSoon();
  }

  private onFocus(e: FocusEvent) {
    for (const n of e.composedPath()) if (n instanceof ShadowRoot && n.mode === 'open') this.addRoot(n);
    const el = this.composerFor(e.composedPath()[0] ?? e.target);
    if (!el) return;
    const c = this.attach(el);
    if (c) this.active = c;
  }

  private onInput(e: Event) {
    const el = this.composerFor(e.composedPath()[0] ?? e.target);
    if (!el) return;
    const c = this.composers.get(el) ?? this.attach(el);
    if (!c) return;
    this.active = c;
    c.schedule();
  }

  private onMouseUp(e: MouseEvent) {
    const el = this.composerFor(e.composedPath()[0] ?? e.target);
    const c = el ? this.composers.get(el) : null;
    if (!c) return;
    this.active = c;
    setTimeout(guard(() => {
      const at = c.bridge.caret();
      const f = at === null ? null : c.findingAt(at);
      this.open = f ? { composer: c, finding: f, selected: 0, keyboard: false } : null;
      this.paint();
    }), 0);
  }

  private onKey(e: KeyboardEvent) {
    const o = this.open;
    if (e.altKey && e.shiftKey && (e.code === 'KeyJ' || e.code === 'KeyK')) {
      const c = this.active;
      if (!c || !c.findings.length) return;
      e.preventDefault();
      e.stopPropagation();
      const list = c.findings;
      let i: number;
      if (o && o.composer === c) {
        const cur = list.findIndex((f) => f.start === o.finding.start && f.ruleId === o.finding.ruleId);
        i = (cur + (e.code === 'KeyJ' ? 1 : -1) + list.length) % list.length;
      } else {
        const at = c.bridge.caret() ?? 0;
        i = e.code === 'KeyJ' ? Math.max(0, list.findIndex((f) => f.end >= at)) : Math.max(0, list.length - 1 - [...list].reverse().findIndex((f) => f.start <= at));
        if (i >= list.length) i = 0;
      }
      this.open = { composer: c, finding: list[i]!, selected: 0, keyboard: true };
      this.paint();
      return;
    }
    if (!o) return;
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.open = null; this.paint(); return; }
    if (o.keyboard && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault(); e.stopPropagation();
      const n = o.finding.suggestions.length;
      if (n) o.selected = (o.selected + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.paint();
      return;
    }
    if (o.keyboard && e.key === 'Enter' && o.finding.suggestions.length) {
      e.preventDefault(); e.stopPropagation();
      this.actions.apply(o, o.finding.suggestions[o.selected]!);
      return;
    }
    if (!['Shift', 'Alt', 'Control', 'Meta'].includes(e.key)) { this.open = null; this.paintSoon(); }
  }

  private actions: UiActions = {
    apply: (o, s) => {
      o.composer.apply(o.finding, s).then((how) => {
        if (how) { this.open = null; }
        else if (this.open === o) o.error = t('applyFailed');
        this.paint();
      }, (e) => console.warn('[Tact]', e));
    },
    ignore: (o) => { o.composer.ignore(o.finding); this.open = null; this.paint(); },
    ruleOff: (o) => {
      this.open = null;
      const s = this.settings;
      if (!s) return;
      loadSettings().then(({ user }) => {
        const mine = Array.isArray(user.disabledRules) ? (user.disabledRules as string[]) : [];
        return saveUser({ disabledRules: [...new Set([...mine, o.finding.ruleId])] });
      }).catch((e) => console.warn('[Tact]', e));
    },
    close: () => { this.open = null; this.paint(); },
    toggleCard: () => { this.cardOpen = !this.cardOpen; this.paint(); },
    insertStarter: (text) => {
      const c = this.active ?? [...this.composers.values()][0];
      if (!c) return;
      c.insertAtCaret(text).then(() => this.paint(), (e) => console.warn('[Tact]', e));
    },
    openFirst: (c) => {
      const f = c.findings[0];
      if (!f) return;
      this.active = c;
      c.el.focus({ preventScroll: true });
      this.open = { composer: c, finding: f, selected: 0, keyboard: true };
      this.paint();
    },
  };

  private paintSoon() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(guard(() => { this.frame = 0; this.paint(); }));
  }

  private paint() {
    if (!this.on) return;
    const list = [...this.composers.values()];
    if (this.open) {
      const o = this.open;
      const still = o.composer.findings.find((f) => f.ruleId === o.finding.ruleId && f.text === o.finding.text);
      if (!still) this.open = null;
      else o.finding = still;
    }
    paintHighlights(list);
    const card = this.card && list.length ? { ...this.card, open: this.cardOpen, composer: this.active ?? list[0]! } : null;
    if (!this.ui && !card && !list.some((c) => c.findings.length)) return;
    this.ui ??= new Ui();
    this.ui.render(list, this.open, this.actions, card);
  }

  /** The popup's pasted customer message (sites whose thread Tact can't read). */
  setPasted(text: string) {
    this.pasted = text.trim() ? text : null;
    this.customer = '\u0000'; // force a re-read
    this.readSituation();
    return this.status();
  }

  /** For tests and the popup: the focused composer's state. */
  status() {
    const c = this.active ?? [...this.composers.values()].find((x) => x.findings.length) ?? null;
    return { url: location.href, situation: this.card?.situation ?? null, situationTitle: this.card?.title ?? null, customerFromPage: !!this.adapter.thread?.length && !this.pasted, adapter: this.adapter.id, on: this.on, composers: this.composers.size, findings: c?.findings.length ?? null, kind: c?.bridge.kind ?? null, lastCheckMs: c?.lastCheckMs ?? null };
  }
}

/** Open shadow roots in a document, nested ones too (Tact's own excluded). */
function shadowRoots(doc: Document): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (root: Document | ShadowRoot) => {
    const all = root.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const sr = all[i]!.shadowRoot;
      if (sr && all[i]!.tagName !== 'TACT-UI') { out.push(sr); walk(sr); }
    }
  };
  walk(doc);
  return out;
}

async function main() {
  const url = new URL(location.href);
  const adapter = adapterFor(url) ?? generic;
  const page = new TactPage(adapter);
  const load = async () => {
    const [{ settings }, stored] = await Promise.all([
      loadSettings(),
      browser.storage.local.get('teamRules').catch(() => ({} as Record<string, unknown>)),
    ]);
    const packs = (stored.teamRules as { rules?: CompiledRule[] } | undefined)?.rules;
    page.applySettings(settings, settings.teamPacks.length && Array.isArray(packs) ? packs : []);
  };
  await load();
  onSettingsChanged(guard(() => void load()));
  browser.runtime.onMessage.addListener((msg: any) => {
    if (msg?.type === 'tact:status') return Promise.resolve(page.status());
    if (msg?.type === 'tact:customer' && typeof msg.text === 'string') return Promise.resolve(page.setPasted(msg.text));
    return undefined;
  });
  (globalThis as any).__tactStatus = () => page.status();
}

main().catch((e) => console.warn('[Tact] not started:', e));
