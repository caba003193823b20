// Freshdesk: Froala, shown after the Reply button is clicked.
import { hostIs, type Adapter } from './adapter.js';

export const freshdesk: Adapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  matches: ['*://*.freshdesk.com/*'],
  test: (u) => hostIs(u, 'freshdesk.com'),
  composers: ["div.fr-element.fr-view[contenteditable='true']"],
};
