/**
 * One controller per composer the agent uses: reads the text through the editor's bridge,
 * re-checks incrementally (engine CheckSession) off the input path, and keeps the findings that
 * the highlight layer, the badge and the popover show. Any error in here disables this
 * composer's checking and is logged once: the agent's typing must never be affected.
 */
import { CheckSession, type Checker } from '../engine/index.js';
import type { CheckOptions, Finding } from '../engine/types.js';
import type { Bridge } from './bridges/bridge.js';

/** Past this size a paste is checked after a longer pause, not on every key. */
const BIG = 50_000;
/** Never check more than this (a 1 MB paste is checked in its first 200,000 characters). */
const MAX = 200_000;

export class Composer {
  findings: Finding[] = [];
  /** Live DOM ranges of findings (rich editors), by index into findings. */
  ranges: (Range | null)[] = [];
  private session: CheckSession;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ignored = new Set<string>();
  private dead = false;
  text = '';
  lastCheckMs = 0;

  constructor(readonly bridge: Bridge, checker: Checker, private options: CheckOptions, private onChange: (c: Composer) => void) {
    this.session = new CheckSession(checker, options);
  }

  get el() { return this.bridge.el; }

  setOptions(options: CheckOptions) {
    this.options = options;
    this.session.setOptions(options);
    this.schedule(0);
  }

  /** Called on input: batch keystrokes, check after the page has handled the event. */
  schedule(delay = 10) {
    if (this.dead) return;
    if (this.timer) clearTimeout(this.timer);
    const d = this.text.length > BIG ? Math.max(delay, 300) : delay;
    this.timer = setTimeout(() => { this.timer = null; this.run(); }, d);
  }

  run() {
    if (this.dead) return;
    try {
      const t0 = performance.now();
      const full = this.bridge.read();
      this.text = full;
      const text = full.length > MAX ? full.slice(0, MAX) : full;
      const found = this.session.update(text).filter((f) => !this.ignored.has(this.key(f)));
      this.findings = found;
      this.ranges = found.map((f) => this.bridge.rangeFor(f.start, f.end));
      this.lastCheckMs = performance.now() - t0;
      this.onChange(this);
    } catch (e) {
      this.fail(e);
    }
  }

  private key(f: Finding) { return `${f.ruleId}\u0000${f.text}`; }

  /** Ignore once: this rule on this exact text, for this composer. */
  ignore(f: Finding) {
    this.ignored.add(this.key(f));
    this.run();
  }

  /** Replace a finding with one of its suggestions through the editor's own input path. */
  async apply(f: Finding, suggestion: string): Promise<string | null> {
    if (this.dead) return null;
    try {
      const now = this.bridge.read();
      if (now.slice(f.start, f.end) !== f.text) { this.run(); return null; } // the text moved on
      const how = await this.bridge.replace(f.start, f.end, suggestion);
      this.run();
      return how;
    } catch (e) {
      this.fail(e);
      return null;
    }
  }

  /**
   * Insert text at the caret (the start of the reply when the editor has no caret) through the
   * editor's own input path, as one undo step. An empty editor has no text to map an offset
   * into, so there the text is typed in at the editor's own selection.
   */
  async insertAtCaret(text: string): Promise<boolean> {
    if (this.dead) return false;
    try {
      const now = this.bridge.read();
      const at = this.bridge.caret();
      let ok: boolean;
      if (at !== null || !now.trim()) {
        // the agent's caret (or an empty editor): type it in right there, as the editor types
        const before = at === null ? '' : now.slice(0, at), after = at === null ? '' : now.slice(at);
        const piece = (before && !/\s$/.test(before) ? ' ' : '') + text + (after && !/^\s/.test(after) ? ' ' : '');
        if (at === null) this.el.focus();
        ok = await this.bridge.insertHere(piece);
      } else {
        ok = !!(await this.bridge.replace(0, 0, text + ' '));
      }
      this.run();
      return ok;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  findingAt(offset: number): Finding | null {
    return this.findings.find((f) => offset >= f.start && offset <= f.end) ?? null;
  }

  private fail(e: unknown) {
    this.dead = true;
    this.findings = [];
    this.ranges = [];
    console.warn('[Tact] checking stopped for this composer after an error:', e);
    try { this.onChange(this); } catch { /* nothing more to do */ }
  }

  destroy() {
    this.dead = true;
    if (this.timer) clearTimeout(this.timer);
    this.bridge.destroy();
  }
}
