/**
 * Tact's visible parts, all in one shadow root outside the page's editors: the count badge by
 * each composer, the underline boxes for textareas, and the popover (category, why,
 * alternatives). Page CSS and Tact's CSS cannot reach each other; nothing here is ever inside
 * an editor, so nothing of Tact's can end up in a sent message.
 */
import { render } from 'preact';
import type { Finding, Lang, Situation } from '../engine/types.js';
import { catLabel, t } from '../shared/i18n.js';
import type { Composer } from './controller.js';
import css from './ui.css';

export interface Open {
  composer: Composer;
  finding: Finding;
  selected: number;
  /** Opened from the keyboard: Enter and arrows act on the popover. */
  keyboard: boolean;
  error?: string;
}

/** The playbook card for the customer's situation. */
export interface Card {
  situation: Situation;
  lang: Lang;
  title: string;
  moves: string[];
  starters: string[];
  /** The words in the customer's message that show the situation. */
  evidence: string;
}

export interface UiActions {
  toggleCard(): void;
  insertStarter(text: string): void;
  apply(o: Open, suggestion: string): void;
  ignore(o: Open): void;
  ruleOff(o: Open): void;
  close(): void;
  openFirst(c: Composer): void;
}

const keep = (e: Event) => e.preventDefault(); // keep focus (and the caret) in the editor

function rectOf(c: Composer, f: Finding): DOMRect | null {
  const rects = c.bridge.rectsFor(f.start, f.end);
  return rects[rects.length - 1] ?? null;
}

function Badge({ c, actions }: { c: Composer; actions: UiActions }) {
  const n = c.findings.length;
  if (!n) return null;
  const box = c.el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  const worst = c.findings.some((f) => f.severity === 'error') ? 'error' : c.findings.some((f) => f.severity === 'warning') ? 'warning' : 'info';
  return (
    <button class={`badge ${worst}`} style={{ left: `${box.right - 30}px`, top: `${box.bottom - 30}px` }}
      aria-label={t('badgeLabel', String(n))} title={t('badgeLabel', String(n))}
      onMouseDown={keep} onClick={() => actions.openFirst(c)} data-tact-badge="">
      {n}
    </button>
  );
}

function Underlines({ c }: { c: Composer }) {
  if (c.bridge.kind !== 'textarea') return null;
  return (
    <>
      {c.findings.flatMap((f, i) => c.bridge.rectsFor(f.start, f.end).map((r, k) => (
        <div key={`${i}-${k}`} class={`underline ${f.severity}`} data-tact-underline={f.text}
          style={{ left: `${r.left}px`, top: `${r.bottom - 2}px`, width: `${r.width}px` }} />
      )))}
    </>
  );
}

function Popover({ o, actions }: { o: Open; actions: UiActions }) {
  const r = rectOf(o.composer, o.finding);
  if (!r) return null;
  const f = o.finding;
  const rtl = f.lang === 'ar';
  const top = r.bottom + 6 + 220 > innerHeight ? Math.max(4, r.top - 6 - 220) : r.bottom + 6;
  const left = Math.min(Math.max(4, rtl ? r.right - 320 : r.left), innerWidth - 330);
  return (
    <div class={`popover ${f.severity}`} role="dialog" aria-label={t('popoverLabel')} dir={rtl ? 'rtl' : 'ltr'}
      style={{ left: `${left}px`, top: `${top}px` }} onMouseDown={keep} data-tact-popover="">
      <div class="head">
        <span class="cat">{catLabel(f.category)}</span>
        <button class="x" aria-label={t('close')} onMouseDown={keep} onClick={actions.close}>×</button>
      </div>
      <p class="why">{f.message}</p>
      {f.suggestions.length > 0 && (
        <div class="alts" role="listbox" aria-label={t('alternatives')}>
          {f.suggestions.map((s, i) => (
            <button role="option" aria-selected={i === o.selected} class={i === o.selected ? 'alt sel' : 'alt'}
              onMouseDown={keep} onClick={() => actions.apply(o, s)}>{s}</button>
          ))}
        </div>
      )}
      {o.error && <p class="err" role="alert">{o.error}</p>}
      <div class="foot">
        <button class="link" onMouseDown={keep} onClick={() => actions.ignore(o)}>{t('ignore')}</button>
        <button class="link" onMouseDown={keep} onClick={() => actions.ruleOff(o)}>{t('ruleOff')}</button>
        <span class="hint" aria-hidden="true">{t('keysHint')}</span>
      </div>
    </div>
  );
}

type ShownCard = Card & { open: boolean; composer: Composer };

/**
 * Next to the composer: what a seasoned lead would do in this situation, and sentences to start
 * the reply with (Insert puts one at the caret through the editor's own input path).
 */
function PlaybookCard({ card, actions }: { card: ShownCard; actions: UiActions }) {
  const box = card.composer.el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return null;
  const rtl = card.lang === 'ar';
  const width = 300;
  const right = box.right + 8 + width <= window.innerWidth;
  const style = right ? { left: `${box.right + 8}px`, top: `${Math.max(4, box.top)}px` } : { left: `${Math.max(4, box.left)}px`, top: `${box.bottom + 8}px` };
  if (!card.open) {
    return <button class="card-pill" style={style} onMouseDown={keep} onClick={actions.toggleCard} data-tact-card="closed">{t('cardShow', card.title)}</button>;
  }
  return (
    <section class="card" role="complementary" aria-label={t('cardLabel')} dir={rtl ? 'rtl' : 'ltr'} lang={card.lang} style={{ ...style, width: `${width}px` }} data-tact-card={card.situation}>
      <header><b>{card.title}</b><button class="x" aria-label={t('cardHide')} onMouseDown={keep} onClick={actions.toggleCard}>×</button></header>
      {card.evidence && <p class="evidence">{t('cardEvidence', card.evidence)}</p>}
      <p class="label">{t('cardMoves')}</p>
      <ul class="moves">{card.moves.map((m) => <li>{m}</li>)}</ul>
      <p class="label">{t('cardStarters')}</p>
      {card.starters.map((s) => (
        <div class="starter"><span>{s}</span><button onMouseDown={keep} onClick={() => actions.insertStarter(s)} data-tact-starter={s}>{t('cardInsert')}</button></div>
      ))}
    </section>
  );
}

function App({ composers, open, actions, card }: { composers: Composer[]; open: Open | null; actions: UiActions; card: ShownCard | null }) {
  return (
    <>
      {composers.map((c) => <Underlines c={c} />)}
      {composers.map((c) => <Badge c={c} actions={actions} />)}
      {card && <PlaybookCard card={card} actions={actions} />}
      {open && <Popover o={open} actions={actions} />}
    </>
  );
}

export class Ui {
  private root: ShadowRoot;
  readonly host: HTMLElement;

  constructor() {
    this.host = document.createElement('tact-ui');
    this.host.setAttribute('data-tact-ignore', '');
    this.host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.root.appendChild(style);
    const mount = document.createElement('div');
    this.root.appendChild(mount);
    this.mount = mount;
    document.documentElement.appendChild(this.host);
  }

  private mount: HTMLElement;

  render(composers: Composer[], open: Open | null, actions: UiActions, card: ShownCard | null = null) {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
    render(<App composers={composers} open={open} actions={actions} card={card} />, this.mount);
  }

  destroy() {
    render(null, this.mount);
    this.host.remove();
  }
}
