/**
 * Issue 17.2: genuine old events stay `valid` (judged at arrival), while a live request with an old
 * timestamp is still refused. Issue 17.4 / 12.11 / 12.17: imports are marked, keep their time and
 * order, are never auto-forwarded (only with --forward), refuse CR/LF/NUL, and read stdin as a stream.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/types';
import { createEndpoint, rawRequest, runCliAsync, served } from '../delivery/fixtures';
import { startTarget } from '../delivery/target';
import { CLI } from '../helpers/cli-process';

const SECRET = 'whsec_test_secret_for_old_events';
const MIN = 60_000;

function stripeHeader(payload: string, at: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: SECRET,
    timestamp: Math.floor(at / 1000),
  });
}

/** A HAR entry as another Hookline (or a proxy) recorded it: sent at `at`, signed then. */
function entry(endpointId: string, payload: string, at: number, headers: HeaderPair[] = []) {
  return {
    startedDateTime: new Date(at).toISOString(),
    request: {
      method: 'POST',
      url: `http://127.0.0.1:4780/h/${endpointId}/stripe`,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Stripe-Signature', value: stripeHeader(payload, at) },
        ...headers.map(([name, value]) => ({ name, value })),
      ],
      postData: { mimeType: 'application/json', text: payload },
    },
  };
}

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });
const body = (n: number) => JSON.stringify({ id: `evt_${n}`, type: 'invoice.paid', object: 'event' });

interface ShownEvent {
  id: string;
  seq: number;
  receivedAt: number;
  importedFrom: string | null;
  verification: { status: string; reason: string; fresh: boolean | null };
}

describe('old genuine events and imports', () => {
  it('imports fixtures valid, marked, in time order, without forwarding; verify exits 0 for them', async () => {
    const s = await served();
    const target = await startTarget();
    const id = createEndpoint(s.home, 'stripe', [
      '--provider',
      'stripe',
      '--secret',
      SECRET,
      '--forward-to',
      target.url,
    ]);
    const now = Date.now();
    const file = join(s.home, 'fixtures.har');
    // Out of order in the file; a tampered copy and a duplicate ride along.
    const tampered = entry(id, body(3), now - 30 * MIN);
    tampered.request.postData.text = body(4);
    writeFileSync(
      file,
      har([
        entry(id, body(2), now - 14 * MIN),
        entry(id, body(1), now - 40 * MIN),
        tampered,
        entry(id, body(1), now - 40 * MIN),
      ]),
    );
    const imported = await runCliAsync(s.home, ['import', file, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const ids = (JSON.parse(imported.stdout) as { eventIds: string[] }).eventIds;
    expect(ids).toHaveLength(4);

    const shown = await Promise.all(
      ids.map(
        async (eventId) =>
          JSON.parse((await runCliAsync(s.home, ['events', 'show', eventId, '--json'])).stdout) as ShownEvent,
      ),
    );
    // Stored oldest first, with their original receive times.
    expect(shown.map((e) => e.receivedAt)).toEqual([...shown.map((e) => e.receivedAt)].sort((a, b) => a - b));
    expect(shown.map((e) => e.seq)).toEqual([...shown.map((e) => e.seq)].sort((a, b) => a - b));
    expect(shown[0]?.receivedAt).toBe(new Date(new Date(now - 40 * MIN).toISOString()).getTime());
    expect(shown.map((e) => e.importedFrom)).toEqual(Array(4).fill('fixtures.har'));
    expect(shown.map((e) => e.verification.status)).toEqual(['valid', 'valid', 'invalid', 'valid']);

    const [oldest] = ids;
    const human = await runCliAsync(s.home, ['events', 'show', oldest ?? '']);
    expect(human.stdout).toContain('(imported from fixtures.har)');
    expect(human.stdout).not.toContain('from 127.0.0.1');

    // Re-verifying 40 minutes later: still valid, exit 0, and it says why.
    const verify = await runCliAsync(s.home, ['verify', oldest ?? '']);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/Verdict: +valid \(stripe\)/);
    expect(verify.stdout).toMatch(/; fresh when received \(now 40 min [\d s]*old \(tolerance 5 min\)\)/);
    expect(verify.stdout).toContain('Timestamp: fresh when received');
    // The signed content is the whole body: only with --show-signed.
    expect(verify.stdout).not.toContain('"evt_1"');
    expect(verify.stdout).toContain('--show-signed prints them');
    const signed = await runCliAsync(s.home, ['verify', oldest ?? '', '--show-signed']);
    expect(signed.stdout).toContain('"evt_1"');
    // The app's "Re-verify" (the UI API) says the same.
    const ui = new URL(s.serve.facts.uiUrl ?? '');
    const res = await fetch(`${ui.origin}/api/events.reverify`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${ui.searchParams.get('token')}`,
      },
      body: JSON.stringify({ id: oldest }),
    });
    const { verification } = (await res.json()) as { verification: { status: string; reason: string } };
    expect(verification.status).toBe('valid');
    expect(verification.reason).toContain('fresh when received');
    const saved = await runCliAsync(s.home, ['verify', oldest ?? '', '--save', '--json']);
    expect(JSON.parse(saved.stdout).status).toBe('valid');

    // The leader forwards live events at once; give it time to (wrongly) pick up the imports too.
    const live = body(9);
    await rawRequest(
      s.base,
      'POST',
      `/h/${id}/live`,
      [
        ['Stripe-Signature', stripeHeader(live, Date.now())],
        ['Content-Length', String(live.length)],
      ],
      Buffer.from(live),
    );
    const [first] = await target.waitFor(1);
    expect(first?.url).toBe('/live');
    await new Promise((r) => setTimeout(r, 1500));
    expect(target.received.map((r) => r.url)).toEqual(['/live']);

    // --forward sends them, once each, and says so.
    const again = join(s.home, 'again.har');
    writeFileSync(again, har([entry(id, body(5), now - 2 * MIN)]));
    const forwarded = await runCliAsync(s.home, ['import', again, '--forward']);
    expect(forwarded.code, forwarded.stderr).toBe(0);
    expect(forwarded.stdout).toMatch(/Forwarded 1 \(1 answered 2xx\/3xx\)/);
    expect(target.received.map((r) => r.url)).toEqual(['/live', '/stripe']);
  });

  it('still refuses a live request whose signed timestamp is old (a replay attack)', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'stripe', ['--provider', 'stripe', '--secret', SECRET]);
    const payload = body(7);
    const res = await rawRequest(
      s.base,
      'POST',
      `/h/${id}`,
      [
        ['Stripe-Signature', stripeHeader(payload, Date.now() - 20 * MIN)],
        ['Content-Length', String(payload.length)],
      ],
      Buffer.from(payload),
    );
    const eventId = /x-hookline-event-id: (evt_\w+)/i.exec(res.text)?.[1] ?? '';
    const verify = await runCliAsync(s.home, ['verify', eventId]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/Verdict: +invalid/);
    expect(verify.stdout).toContain('outside the tolerance when received');
    // A plain replay of it would be refused by the app: the CLI says how to fix that.
    const target = await startTarget();
    const replay = await runCliAsync(s.home, ['replay', eventId, '--to', target.url]);
    expect(replay.stdout).toMatch(/Hint: the signed timestamp is 20 min [\d s]*old.*add --resign/);
  });

  it('refuses imports with CR, LF or NUL in a header or path, naming the entry, and stores nothing', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'plain');
    const now = Date.now();
    const cases: [string, unknown][] = [
      [
        'header',
        har([entry(id, body(1), now), entry(id, body(2), now, [['X-Evil', 'a\r\nX-Injected: yes']])]),
      ],
      [
        'path',
        har([
          {
            ...entry(id, body(1), now),
            request: { ...entry(id, body(1), now).request, url: `http://x/h/${id}/a\r\nX: y` },
          },
        ]),
      ],
      ['nul', har([entry(id, body(1), now, [['X-Nul', 'a\0b']])])],
    ];
    for (const [name, text] of cases) {
      const file = join(s.home, `${name}.har`);
      writeFileSync(file, String(text));
      const r = await runCliAsync(s.home, ['import', file]);
      expect(r.code, name).toBe(1);
      expect(r.stderr).toMatch(/Entry \d \(POST .*\): .*line break \(CR\/LF\) or NUL/);
    }
    const curlFile = join(s.home, 'cmd.sh');
    writeFileSync(curlFile, `curl http://127.0.0.1/h/${id}/x -H $'X-Evil: a\\r\\nX-Injected: 1' -d 'a=1'`);
    const curl = await runCliAsync(s.home, ['import', curlFile]);
    expect(curl.code).toBe(1);
    expect(curl.stderr).toContain('header "X-Evil" contains a line break');
    const list = await runCliAsync(s.home, ['events', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('reads `import -` from a slow pipe', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'pipe');
    const file = join(s.home, 'slow.har');
    writeFileSync(file, har([entry(id, body(1), Date.now())]));
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        'bash',
        ['-c', `(sleep 1; cat "${file}") | "${process.execPath}" "${CLI}" import -`],
        {
          env: { ...process.env, HOOKLINE_HOME: s.home },
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d;
      });
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/Imported 1 event from stdin .*not forwarded/);
  });
});
