import type { IncomingMessage, ServerResponse } from 'node:http';

// How long a sender may keep sending an oversize body after its 413 is on the wire.
const DRAIN_MS = 5_000;

/**
 * Answers 413 and closes — but only once the sender stopped sending (or after `drainBytes` more bytes,
 * or a few seconds). Closing a socket with unread bytes makes the kernel send a reset, which can
 * destroy the 413 before the sender reads it: it then sees EPIPE/ECONNRESET and never learns why.
 * So the whole answer is written at once, and the rest of the body is read and dropped, unbuffered.
 */
export function refuseOversize(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  drainBytes: number,
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  res.write(text);
  let drained = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.off('data', onData);
    res.end();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainBytes) finish();
  };
  const timer = setTimeout(finish, DRAIN_MS);
  timer.unref();
  // The whole body may already be in (a chunked body over the limit in its last chunk).
  if (req.readableEnded || req.destroyed) {
    finish();
    return;
  }
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}
