import type { IncomingMessage } from 'node:http';
import { rawHeader } from './capture';

/** A body read in full, or the reason it was not. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/** Reads the raw request body (exact bytes, any encoding, chunked or not), stopping at `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(rawHeader(req, 'content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, reason: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Stop buffering at once: nothing of an oversize request is kept, half-stored or committed.
      if (size > limit) finish({ ok: false, reason: 'too_large' });
      else chunks.push(chunk);
    };
    // `finish` runs once whatever fires, so plain listeners do (no `once` wrapper per capture); a
    // sender that goes away mid-body ends in 'close' with the request incomplete ('aborted' too).
    req.on('data', onData);
    req.on('end', () =>
      finish({ ok: true, body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size) }),
    );
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, reason: 'aborted' });
    });
  });
}
