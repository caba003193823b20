// Any site the agent turns Tact on for from the toolbar: every textarea and contenteditable.
import type { Adapter } from './adapter.js';

export const generic: Adapter = {
  id: 'generic',
  name: 'Any site (turned on per site)',
  matches: [],
  test: () => true,
  composers: ['textarea', 'input[type="text"][spellcheck="true"]', '[contenteditable="true"]', '[contenteditable=""]', '[contenteditable="plaintext-only"]'],
};
