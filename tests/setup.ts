// Tests run in Node: give pattern rules the compromise tagger, as the CLI does.
import { createRequire } from 'node:module';
import { setTaggerLoader } from '../src/engine/tagger.js';

const require = createRequire(import.meta.url);
setTaggerLoader(() => require('compromise'));
