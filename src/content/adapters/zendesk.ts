// Zendesk Agent Workspace: CKEditor 5 composer; background tickets keep their composers mounted.
import { hostIs, type Adapter } from './adapter.js';

export const zendesk: Adapter = {
  id: 'zendesk',
  name: 'Zendesk',
  matches: ['*://*.zendesk.com/*'],
  test: (u) => hostIs(u, 'zendesk.com'),
  composers: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    '.ck-editor__editable[contenteditable="true"]',
    '.zendesk-editor--rich-text-comment[contenteditable="true"]',
  ],
  thread: ['[data-test-id="omni-log-message-content"]'],
};
