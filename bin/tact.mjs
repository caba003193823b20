#!/usr/bin/env node
import { existsSync } from 'node:fs';
const cli = new URL('../dist/cli/tact.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('tact: not built yet; run `npm run build` in the Tact folder first\n');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
