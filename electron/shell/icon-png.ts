import { crc32, deflateSync } from 'node:zlib';

// The app icon is drawn in code: the tray needs it at runtime, and a packaged app only ships
// dist/** — so there is no image file to lose. build/icon.png (for the installers) is written
// from this same drawing by scripts/icon.mjs on every build.

const BRAND: readonly [number, number, number] = [79, 70, 229];

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance from a point to the hook glyph's centre line (shank, bend, eye), in unit coordinates. */
function hookDistance(x: number, y: number): number {
  const shank = segmentDistance(x, y, 0.6, 0.3, 0.6, 0.58);
  // The bend: the lower half of a circle centred (0.45, 0.58), r 0.15, ending in a short barb.
  const r = 0.15;
  const bend = y >= 0.58 ? Math.abs(Math.hypot(x - 0.45, y - 0.58) - r) : Number.POSITIVE_INFINITY;
  const barb = segmentDistance(x, y, 0.3, 0.58, 0.3, 0.5);
  // The eye is drawn thinner than the hook (offset so both come out with their own width).
  const eye = Math.abs(Math.hypot(x - 0.6, y - 0.22) - 0.08) + 0.025;
  return Math.min(shank, bend, barb, eye);
}

/** Straight RGBA pixels of the Hookline icon at `size`×`size`. */
export function renderIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const radius = 0.22;
  const stroke = 0.055;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      // Rounded-square background (signed distance, negative inside).
      const qx = Math.abs(x - 0.5) - (0.5 - radius);
      const qy = Math.abs(y - 0.5) - (0.5 - radius);
      const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
      const bg = clamp01(0.5 - outside * size);
      const glyph = clamp01(0.5 - (hookDistance(x, y) - stroke) * size);
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(BRAND[0] + (255 - BRAND[0]) * glyph);
      pixels[i + 1] = Math.round(BRAND[1] + (255 - BRAND[1]) * glyph);
      pixels[i + 2] = Math.round(BRAND[2] + (255 - BRAND[2]) * glyph);
      pixels[i + 3] = Math.round(255 * bg);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The Hookline icon as a PNG file (8-bit RGBA). */
export function iconPng(size: number): Buffer {
  const rgba = renderIcon(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
