import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../base/logger';
import type { SchemaCheckBatch, SchemaCheckOutcome } from '../core/schema-records';
import { checkEvent } from './check-event';

/** Checks batches of events, in a worker thread when one can be had. */
export interface CheckRunner {
  run(batch: SchemaCheckBatch): Promise<(SchemaCheckOutcome | null)[]>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  outcomes: (SchemaCheckOutcome | null)[];
  errors: string[];
}

/** Checks on the calling thread (tests from source, or when the worker cannot start). */
function inThread(): CheckRunner {
  return {
    run: async (batch) => batch.events.map((e) => checkEvent(e, batch.attached[e.endpointId] ?? [])),
    close: async () => {},
  };
}

/**
 * A runner on the built worker (dist/schema-check-worker.js), started on first use; checks on this
 * thread when the worker is not built (tests running from source) or fails, and says so once.
 */
export function checkRunner(log: Logger): CheckRunner {
  const script = fileURLToPath(new URL('./schema-check-worker.js', import.meta.url));
  if (!existsSync(script)) return inThread();
  let worker: Worker | null = null;
  let fallback: CheckRunner | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(r: Reply): void; reject(e: unknown): void }>();
  const start = (): Worker => {
    const w = new Worker(script);
    w.unref();
    w.on('message', (reply: Reply) => {
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    });
    w.on('error', (error) => {
      log.warn('schema check worker failed; checking on the main thread from now on', { error });
      fallback = inThread();
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
    return w;
  };
  return {
    async run(batch) {
      if (fallback) return fallback.run(batch);
      worker ??= start();
      const id = nextId++;
      const reply = await new Promise<Reply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker?.postMessage({ id, events: batch.events, attached: batch.attached });
      });
      for (const error of reply.errors) log.warn(`schema check failed for ${error}`);
      return reply.outcomes;
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}
