// Gmail compose and reply: Gmail's own plain contenteditable, created on demand.
import { type Adapter } from './adapter.js';

export const gmail: Adapter = {
  id: 'gmail',
  name: 'Gmail',
  matches: ['*://mail.google.com/*'],
  test: (u) => u.hostname === 'mail.google.com',
  composers: ['div[g_editable="true"][contenteditable="true"]', '.Ap [contenteditable="true"]', 'div[role="textbox"][aria-label*="Message Body"]'],
  thread: ['.a3s.aiL', '.ii.gt'],
};
