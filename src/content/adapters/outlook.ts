// Outlook on the web: hashed class names; the body is found by its accessible label.
import { type Adapter } from './adapter.js';

const HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'];

export const outlook: Adapter = {
  id: 'outlook',
  name: 'Outlook on the web',
  matches: HOSTS.map((h) => `*://${h}/*`),
  test: (u) => HOSTS.includes(u.hostname),
  composers: ['[contenteditable="true"][aria-label*="Message body"]', 'div[role="textbox"][contenteditable="true"]'],
};
