/**
 * Gzip bombs in the viewer: bodies are decoded for display in the renderer (DecompressionStream),
 * not in the core. The decode must stop at a cap instead of inflating gigabytes, while ordinary
 * compressed bodies still decode exactly. Runs the renderer's own function under Node's web streams.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DECODE_LIMIT, decodeContent } from '../../renderer/src/lib/body';

describe('viewer decoding of compressed bodies', () => {
  it('decodes ordinary gzip and deflate bodies exactly', async () => {
    const text = Buffer.from(JSON.stringify({ hello: 'world', n: [1, 2, 3] }));
    expect(Buffer.from((await decodeContent(gzipSync(text), 'gzip')) ?? []).equals(text)).toBe(true);
    expect(Buffer.from((await decodeContent(deflateSync(text), ' Deflate ')) ?? []).equals(text)).toBe(true);
    expect(await decodeContent(text, 'br')).toBeNull();
  });

  it('gives up on a bomb (about 1 MB that inflates far past the cap) without expanding it all', async () => {
    // 1 GiB of zeros compresses to about 1 MB; decoding it whole would take the window down.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const repeated = Buffer.concat(Array.from({ length: 16 }, () => bomb));
    expect(repeated.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    expect(await decodeContent(repeated, 'gzip')).toBeNull();
    // Memory held afterwards stays in the order of the cap, not of the gigabyte the bomb holds.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * DECODE_LIMIT);
    expect(await decodeContent(Buffer.alloc(1024 * 1024, 0x41), 'gzip')).toBeNull();
  });

  it('returns null for corrupt or truncated compressed data instead of throwing', async () => {
    const good = gzipSync(Buffer.from('x'.repeat(10_000)));
    expect(await decodeContent(good.subarray(0, good.length / 2), 'gzip')).toBeNull();
    expect(await decodeContent(Buffer.from([0x1f, 0x8b, 0xff, 0xff]), 'x-gzip')).toBeNull();
  });
});
