import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Inbox } from '../../electron/core/inbox';
import type { NewEvent } from '../../electron/core/ports';
import { MIGRATIONS } from '../../electron/store/schema';
import { SqliteStore } from '../../electron/store/store';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

function open(searchBytes?: number): { inbox: Inbox; endpointId: string } {
  const inbox = openLocalInbox({ home: tempHome(), watch: false, searchBytes });
  const endpointId = inbox.createEndpoint({ label: 'search' }, 'cli').id;
  return { inbox, endpointId };
}

let at = 1_700_000_000_000;
function ev(endpointId: string, body: string | Buffer, extra: Partial<NewEvent> = {}): NewEvent {
  at += 1;
  const e = newEvent(endpointId, '', { receivedAt: at, ...extra });
  return { ...e, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/** Ids found for `text`, newest first; `indexed` first lets the background indexer catch up. */
function find(inbox: Inbox, text: string, indexed = true): string[] {
  if (indexed) inbox.maintenance.indexNow();
  return inbox.searchEvents({ text, order: 'desc', limit: 100 }).events.map((e) => e.id);
}

describe('search finds what the inspector shows', () => {
  it('finds substrings anywhere, in any case: inside ids, phone numbers and words', async () => {
    const { inbox, endpointId } = open();
    const [pi, phone] = [
      ev(endpointId, '{"id":"pi_3PXYZabc","amount":100}'),
      ev(endpointId, '{"phone":"+15550006789"}'),
    ];
    await inbox.commitEvents([pi, phone]);
    for (const indexed of [false, true]) {
      expect(find(inbox, 'PXYZ', indexed)).toEqual([pi.id]);
      expect(find(inbox, 'pxyz', indexed)).toEqual([pi.id]);
      expect(find(inbox, '5550006', indexed)).toEqual([phone.id]);
      // Shorter than a trigram: found by checking each event.
      expect(find(inbox, 'pi', indexed)).toEqual([pi.id]);
    }
    inbox.close();
  });

  it('decodes bodies: gzip, form values, JSON escapes, and a cut inside a multi-byte character', async () => {
    const { inbox, endpointId } = open();
    const gz = ev(endpointId, gzipSync('{"secret_field":"gzipped-needle"}'), {
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
      ],
    });
    const form = ev(endpointId, `name=${encodeURIComponent('ünïcödé')}&city=S%C3%A3o+Paulo`, {
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    });
    const escaped = ev(endpointId, '{"text":"gr\\u00fc\\u00dfe \\"quoted\\""}');
    // 71 KB of JSON whose 64 KiB mark falls inside a 3-byte character: its first field is still found.
    const big = ev(endpointId, `{"first":"needle-first","pad":"${'€'.repeat(24_000)}"}`);
    await inbox.commitEvents([gz, form, escaped, big]);
    expect(find(inbox, 'gzipped-needle')).toEqual([gz.id]);
    expect(find(inbox, 'ünïcödé')).toEqual([form.id]);
    expect(find(inbox, 'Paulo São')).toEqual([form.id]); // two words: both must appear...
    expect(find(inbox, '"Paulo São"')).toEqual([]); // ...a phrase as written
    expect(find(inbox, '"São Paulo"')).toEqual([form.id]);
    expect(find(inbox, 'grüße')).toEqual([escaped.id]);
    expect(find(inbox, '"quoted"')).toEqual([escaped.id]);
    expect(find(inbox, 'needle-first')).toEqual([big.id]);
    inbox.close();
  });

  it('searches binary bodies for text with NUL bytes in it (a query FTS5 cannot take as written)', async () => {
    const { inbox, endpointId } = open();
    const binary = ev(endpointId, Buffer.from([0x00, 0x61, 0x62, 0x00, 0x63, 0x64, 0x65]), {
      headers: [['Content-Type', 'application/octet-stream']],
    });
    await inbox.commitEvents([binary]);
    for (const indexed of [false, true]) {
      expect(find(inbox, '\u0000ab\u0000c', indexed)).toEqual([binary.id]);
      expect(find(inbox, 'cde', indexed)).toEqual([binary.id]);
      expect(find(inbox, '\u0000zz', indexed)).toEqual([]);
    }
    inbox.close();
  });

  it('says when a body was searched only in part, and searches more when the limit is raised', async () => {
    const tail = 'needle-at-the-end';
    const body = `${'x'.repeat(3 * 1024 * 1024)}${tail}`;
    const small = open();
    const e = ev(small.endpointId, body, { headers: [['Content-Type', 'text/plain']] });
    await small.inbox.commitEvents([e]);
    small.inbox.maintenance.indexNow();
    const page = small.inbox.searchEvents({ text: tail, limit: 10 });
    expect(page.events).toEqual([]);
    expect(page.info).toMatchObject({ partial: 1, limitBytes: 1024 * 1024, complete: true });
    small.inbox.close();

    const large = open(4 * 1024 * 1024);
    const again = ev(large.endpointId, body, { headers: [['Content-Type', 'text/plain']] });
    await large.inbox.commitEvents([again]);
    expect(find(large.inbox, tail)).toEqual([again.id]);
    large.inbox.close();
  });

  it('reads at most the limit of a decompression bomb, and says so', async () => {
    const { inbox, endpointId } = open(64 * 1024);
    const bomb = ev(
      endpointId,
      gzipSync(Buffer.concat([Buffer.from('bomb-start '), Buffer.alloc(50 * 1024 * 1024)])),
      {
        headers: [['Content-Encoding', 'gzip']],
      },
    );
    await inbox.commitEvents([bomb]);
    expect(find(inbox, 'bomb-start')).toEqual([bomb.id]);
    expect(inbox.searchEvents({ text: 'bomb-start', limit: 1 }).info.partial).toBe(1);
    inbox.close();
  });

  it('understands phrases, -exclude and header:/path:/body:/type: scoping', async () => {
    const { inbox, endpointId } = open();
    const paid = ev(endpointId, '{"type":"invoice.paid","note":"blue sky"}', {
      path: '/stripe/hook',
      providerEventType: 'invoice.paid',
      headers: [
        ['Content-Type', 'application/json'],
        ['Stripe-Signature', 't=1,v1=abc'],
      ],
    });
    const failed = ev(endpointId, '{"type":"invoice.failed","note":"sky blue"}', {
      path: '/github',
      providerEventType: 'invoice.failed',
    });
    await inbox.commitEvents([paid, failed]);
    expect(find(inbox, 'blue sky')).toEqual([failed.id, paid.id]);
    expect(find(inbox, '"blue sky"')).toEqual([paid.id]);
    expect(find(inbox, 'invoice -paid')).toEqual([failed.id]);
    expect(find(inbox, 'header:stripe-signature')).toEqual([paid.id]);
    expect(find(inbox, 'path:github')).toEqual([failed.id]);
    expect(find(inbox, 'body:github')).toEqual([]);
    expect(find(inbox, 'type:failed')).toEqual([failed.id]);
    expect(find(inbox, '-type:failed sky')).toEqual([paid.id]);
    inbox.close();
  });

  it('forgets deleted events and keeps filters working beside the text', async () => {
    const { inbox, endpointId } = open();
    const other = inbox.createEndpoint({ label: 'other' }, 'cli').id;
    const a = ev(endpointId, '{"k":"shared-word"}');
    const b = ev(other, '{"k":"shared-word"}', { method: 'PUT' });
    await inbox.commitEvents([a, b]);
    inbox.maintenance.indexNow();
    expect(inbox.searchEvents({ text: 'shared-word', methods: ['PUT'] }).events.map((e) => e.id)).toEqual([
      b.id,
    ]);
    expect(
      inbox.searchEvents({ text: 'shared-word', endpointIds: [endpointId] }).events.map((e) => e.id),
    ).toEqual([a.id]);
    inbox.deleteEndpoint(other, true);
    expect(find(inbox, 'shared-word')).toEqual([a.id]);
    expect(inbox.maintenance.integrityCheck()).toBe('ok');
    inbox.close();
  });
});

describe('upgrading an inbox', () => {
  it('an inbox from before substring search is indexed again from the cursor', async () => {
    const home = tempHome();
    const db = new Database(join(home, 'hookline.db'));
    db.exec(MIGRATIONS[0] ?? '');
    db.pragma('user_version = 1');
    db.prepare(
      `INSERT INTO events (id, endpoint_id, received_at, method, path, query, headers, body, body_size,
        verification_status, verification, response_status)
       VALUES ('evt_old', 'ep_old', 1, 'POST', '/old', '', '[["Content-Type","text/plain"]]', ?, 17, 'unsigned', ?, 200)`,
    ).run(Buffer.from('an old order_4711'), JSON.stringify(newEvent('ep_old', '').verification));
    db.close();
    const store = new SqliteStore(home);
    try {
      expect(store.events.search({ text: 'der_47', limit: 5 }).info.indexing).toBe(1);
      expect(store.maintenance.indexNow()).toBe(1);
      const page = store.events.search({ text: 'der_47', limit: 5 });
      expect(page.events.map((e) => e.id)).toEqual(['evt_old']);
      expect(page.info.indexing).toBe(0);
    } finally {
      store.maintenance.close();
    }
  });
});
