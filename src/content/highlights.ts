/**
 * Underlines by severity without touching the editor's DOM: the CSS Custom Highlight API for
 * rich editors (ranges only; the ::highlight() styles ship in content.css), positioned boxes in
 * Tact's own shadow root for textareas (ranges cannot point into a textarea).
 */
import type { Severity } from '../engine/types.js';
import type { Composer } from './controller.js';

const NAMES: Record<Severity, string> = { info: 'tact-info', warning: 'tact-warning', error: 'tact-error' };
export const HIGHLIGHT_NAMES = Object.values(NAMES);

export const highlightsSupported = () =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof (globalThis as any).Highlight === 'function';

export function paintHighlights(composers: Iterable<Composer>): void {
  if (!highlightsSupported()) return;
  const sets: Record<Severity, Range[]> = { info: [], warning: [], error: [] };
  for (const c of composers) {
    if (c.bridge.kind === 'textarea') continue;
    c.findings.forEach((f, i) => { const r = c.ranges[i]; if (r) sets[f.severity].push(r); });
  }
  for (const sev of Object.keys(NAMES) as Severity[]) {
    const name = NAMES[sev];
    if (sets[sev].length) CSS.highlights.set(name, new Highlight(...sets[sev]));
    else CSS.highlights.delete(name);
  }
}

const UNDERLINES = `::highlight(tact-info) { text-decoration: underline wavy 1.5px #2563eb; text-underline-offset: 3px; }
::highlight(tact-warning) { text-decoration: underline wavy 1.5px #d97706; text-underline-offset: 3px; }
::highlight(tact-error) { text-decoration: underline wavy 1.5px #dc2626; text-underline-offset: 3px; }`;
const styled = new WeakSet<ShadowRoot>();

/**
 * An editor inside an open shadow root: the spec scopes ::highlight() styles to their tree, so
 * that root adopts the same three rules as a stylesheet (its content is never touched). Chromium
 * 156 also draws the document's rules there (seen in tests/browser: underlines with and without).
 */
export function styleShadowRoot(el: Element): void {
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  styled.add(root);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(UNDERLINES);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch (e) {
    console.warn('[Tact] no underlines in this shadow root:', e);
  }
}

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  for (const n of HIGHLIGHT_NAMES) CSS.highlights.delete(n);
}
