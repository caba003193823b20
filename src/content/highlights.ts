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

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  for (const n of HIGHLIGHT_NAMES) CSS.highlights.delete(n);
}
