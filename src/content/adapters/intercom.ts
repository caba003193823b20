// Intercom inbox composer: ProseMirror inside an Ember component; classes churn, keep fallbacks.
import { hostIs, type Adapter } from './adapter.js';

export const intercom: Adapter = {
  id: 'intercom',
  name: 'Intercom',
  matches: ['*://app.intercom.com/*', '*://app.intercom.io/*', '*://app.eu.intercom.com/*', '*://app.au.intercom.com/*'],
  test: (u) => hostIs(u, 'app.intercom.com', 'app.intercom.io', 'app.eu.intercom.com', 'app.au.intercom.com'),
  composers: [
    '[data-conversation-reply-composer] .ProseMirror[contenteditable="true"]',
    '.ProseMirror.embercom-prosemirror-composer-editor[contenteditable="true"]',
    '.embercom-prosemirror-composer-editor[contenteditable="true"]',
  ],
  thread: ['[data-conversation-part-type="comment"]'],
};
