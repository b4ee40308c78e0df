// Draws the packaging icons in build/ from the SVGs below: the app icon and the icon of `.pressrelease` files, as
// PNGs rendered by Chromium (playwright-core with the system Chromium, as the tests use), and as .ico (Windows)
// and .icns (macOS) files that carry those PNGs. Run `node scripts/make-icons.mjs` after changing a drawing; the
// results are committed, so packaging needs no browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'build');
const executablePath = process.env.PRESSROOM_CHROMIUM || '/usr/bin/chromium';

/** A press release page on the house blue: a headline bar, a standfirst, body lines and the end mark. */
const APP_ICON = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2b5ce6"/><stop offset="1" stop-color="#163a9e"/>
    </linearGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#bg)"/>
  <path d="M282 196 H662 L762 296 V828 H282 Z" fill="#ffffff"/>
  <path d="M662 196 V296 H762 Z" fill="#c9d6fb"/>
  <rect x="338" y="300" width="300" height="64" rx="12" fill="#1d1d1f"/>
  <rect x="338" y="404" width="368" height="26" rx="13" fill="#5a5f66"/>
  <rect x="338" y="452" width="320" height="26" rx="13" fill="#5a5f66"/>
  <rect x="338" y="524" width="368" height="18" rx="9" fill="#b8bdc4"/>
  <rect x="338" y="562" width="368" height="18" rx="9" fill="#b8bdc4"/>
  <rect x="338" y="600" width="368" height="18" rx="9" fill="#b8bdc4"/>
  <rect x="338" y="638" width="250" height="18" rx="9" fill="#b8bdc4"/>
  <rect x="446" y="720" width="152" height="34" rx="8" fill="#b3261e"/>
</svg>`;

/** A document with a folded corner and the same page inside: the file a reviewer receives by email. */
const FILE_ICON = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <path d="M212 64 H700 L860 224 V960 H212 Z" fill="#ffffff" stroke="#8a8f96" stroke-width="20" stroke-linejoin="round"/>
  <path d="M700 64 V224 H860 Z" fill="#dfe3e8" stroke="#8a8f96" stroke-width="20" stroke-linejoin="round"/>
  <rect x="212" y="300" width="648" height="150" fill="#1d4ed8"/>
  <text x="536" y="405" font-family="DejaVu Sans, Arial, sans-serif" font-size="96" font-weight="700"
        text-anchor="middle" fill="#ffffff">PRESS</text>
  <rect x="300" y="520" width="472" height="30" rx="15" fill="#5a5f66"/>
  <rect x="300" y="590" width="472" height="22" rx="11" fill="#b8bdc4"/>
  <rect x="300" y="650" width="472" height="22" rx="11" fill="#b8bdc4"/>
  <rect x="300" y="710" width="360" height="22" rx="11" fill="#b8bdc4"/>
  <rect x="452" y="800" width="168" height="40" rx="8" fill="#b3261e"/>
</svg>`;

async function render(page, svg, size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<div style="width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</div>` +
      `</body></html>`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An .ico holding PNG images (Windows Vista and later read PNG entries). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** An .icns holding PNG images: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(images) {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const chunks = images
    .filter(({ size }) => types[size])
    .map(({ size, png }) => {
      const head = Buffer.alloc(8);
      head.write(types[size], 0, 'ascii');
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const [name, svg] of [
    ['icon', APP_ICON],
    ['pressrelease', FILE_ICON],
  ]) {
    const images = [];
    for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) {
      images.push({ size, png: await render(page, svg, size) });
    }
    const png = (size) => images.find((image) => image.size === size).png;
    writeFileSync(join(out, `${name}.png`), png(1024));
    writeFileSync(join(out, `${name}.ico`), ico(images.filter(({ size }) => size <= 256)));
    writeFileSync(join(out, `${name}.icns`), icns(images));
    if (name === 'icon') {
      // Linux takes a set of sizes named by size (electron-builder's linux.icon folder).
      for (const { size } of images) writeFileSync(join(out, 'icons', `${size}x${size}.png`), png(size));
    }
    writeFileSync(join(out, `${name}.svg`), `${svg.trim()}\n`);
  }
  console.log(`Icons written to ${out}`);
} finally {
  await browser.close();
}
