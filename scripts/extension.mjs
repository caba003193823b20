// Packages the extension: one manifest.json, two builds (dist/chrome: MV3 service worker;
// dist/firefox: background scripts + gecko settings), icons, locales, and a zip of each.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/** The extension id Chrome derives from manifest.json's "key". */
export function extensionId(manifest) {
  const der = Buffer.from(manifest.key, 'base64');
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export async function buildExtension(root, { log = () => {} } = {}) {
  const src = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const stage = join(root, 'dist/.ext');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const r = await build({
    entryPoints: {
      content: join(root, 'src/content/index.ts'),
      background: join(root, 'src/background/index.ts'),
      popup: join(root, 'src/popup/index.tsx'),
      options: join(root, 'src/options/index.tsx'),
    },
    outdir: stage, bundle: true, format: 'iife', target: ['chrome110', 'firefox128'], minify: true,
    legalComments: 'none', charset: 'utf8', loader: { '.css': 'text' }, jsx: 'automatic', jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'error', metafile: true,
    // the rule compiler is bundled for team phrases; its Node-only ReDoS checker is not
    external: ['recheck'],
  });
  cpSync(join(root, 'src/content/content.css'), join(stage, 'content.css'));
  cpSync(join(root, 'src/popup/popup.html'), join(stage, 'popup.html'));
  cpSync(join(root, 'src/options/options.html'), join(stage, 'options.html'));
  cpSync(join(root, 'managed_schema.json'), join(stage, 'managed_schema.json'));
  cpSync(join(root, '_locales'), join(stage, '_locales'), { recursive: true });
  mkdirSync(join(stage, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(stage, `icons/${size}.png`), icon(size));

  const out = {};
  for (const target of ['chrome', 'firefox']) {
    const dir = join(root, 'dist', target);
    rmSync(dir, { recursive: true, force: true });
    cpSync(stage, dir, { recursive: true });
    const m = structuredClone(src);
    if (target === 'chrome') {
      delete m.background.scripts;
      delete m.browser_specific_settings;
    } else {
      delete m.background.service_worker;
      delete m.key;
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    const zip = join(root, 'dist', `tact-${target}.zip`);
    writeFileSync(zip, zipDir(dir));
    out[target] = { dir, zip };
  }
  rmSync(stage, { recursive: true, force: true });
  const sizes = Object.entries(r.metafile.outputs).map(([f, o]) => [relative(join(root, 'dist/.ext'), join(root, f)), o.bytes]);
  for (const [f, bytes] of sizes) log(`  extension/${f.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  log(`  extension id (chrome, from manifest key): ${extensionId(src)}`);
  return out;
}

// --- a minimal PNG writer for the toolbar icon (a speech bubble with a check mark) ---
function icon(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 16;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const fx = x / s, fy = y / s;
    const inBubble = ((fx - 8) ** 2) / 49 + ((fy - 7) ** 2) / 36 <= 1 || (fx >= 3 && fx <= 6 && fy >= 10 && fy <= 15 && fx - 3 >= (fy - 10) * 0.6);
    const onCheck = Math.abs((fy - 9) - (fx - 6.5) * -1) < 0.9 && fx >= 4.5 && fx <= 7 || Math.abs((fy - 10.5) + (fx - 7) * 1.3) < 1.0 && fx >= 6.5 && fx <= 11.5;
    const i = (y * size + x) * 4;
    if (inBubble) {
      const [r, g, b] = onCheck ? [255, 255, 255] : [15, 118, 110];
      px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = 255;
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// --- a minimal zip writer (deflate), so packaging needs no zip binary ---
function zipDir(dir) {
  const files = [];
  const walk = (d) => { for (const e of readdirSync(d).sort()) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
  walk(dir);
  const locals = [], centrals = [];
  let offset = 0;
  for (const p of files) {
    const name = Buffer.from(relative(dir, p).split('\\').join('/'));
    const data = readFileSync(p);
    const comp = deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0, 6); h.writeUInt16LE(8, 8);
    h.writeUInt16LE(0, 10); h.writeUInt16LE(0x21, 12); h.writeUInt32LE(crc, 14); h.writeUInt32LE(comp.length, 18);
    h.writeUInt32LE(data.length, 22); h.writeUInt16LE(name.length, 26); h.writeUInt16LE(0, 28);
    locals.push(h, name, comp);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0, 8); c.writeUInt16LE(8, 10);
    c.writeUInt16LE(0, 12); c.writeUInt16LE(0x21, 14); c.writeUInt32LE(crc, 16); c.writeUInt32LE(comp.length, 20);
    c.writeUInt32LE(data.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    centrals.push(c, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
