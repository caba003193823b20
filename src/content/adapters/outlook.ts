// Outlook on the web: hashed class names; the body is found by its accessible label.
import { type Adapter } from './adapter.js';

const HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'];

export const outlook: Adapter = {
  id: 'outlook',
  name: 'Outlook on the web',
  matches: HOSTS.map((h) => `*://${h}/*`),
  test: (u) => HOSTS.includes(u.hostname),
  composers: ['[contenteditable="true"][aria-label*="Message body"]', 'div[role="textbox"][contenteditable="true"]'],
  // Outlook's compose body is roosterjs (Microsoft's open-source editor); verified on a roosterjs fixture
  editorKind: 'roosterjs',
  // the reading pane's message body carries the same label, without contenteditable [U: public
  // extensions read it so; not seen on the live site here]
  thread: ['[aria-label*="Message body"]:not([contenteditable="true"])'],
};
