import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// Keeps the shape docs/ARCHITECTURE.md describes: who may import whom, and SQL only in store/.
const ROOT = join(import.meta.dirname, '..', '..');

/** For each floor (a folder of electron/, or shared/renderer), the floors it may import. */
const ALLOWED: Record<string, string[]> = {
  shared: [],
  renderer: ['shared'],
  base: [],
  signatures: ['base', 'shared'],
  core: ['base', 'shared', 'signatures'],
  store: ['base', 'core', 'shared'],
  receiver: ['base', 'core', 'shared', 'signatures'],
  delivery: ['base', 'core', 'shared', 'signatures'],
  export: ['base', 'core', 'shared', 'signatures'],
  tunnel: ['base', 'core', 'receiver', 'shared'],
  diff: ['base', 'core', 'shared', 'signatures'],
  schema: ['base', 'core', 'shared'],
  trigger: ['base', 'core', 'delivery', 'shared', 'signatures'],
  chaos: ['base', 'core', 'delivery', 'shared', 'signatures', 'trigger'],
  leadership: ['base', 'core', 'receiver', 'shared'],
  relay: ['base', 'core', 'receiver', 'shared', 'signatures'],
  mcp: ['base', 'core', 'delivery', 'export', 'shared', 'signatures', 'trigger'],
  mirror: ['base', 'core', 'shared'],
  'ui-server': [
    'base',
    'core',
    'delivery',
    'diff',
    'export',
    'mcp',
    'shared',
    'signatures',
    'trigger',
    'chaos',
    'mirror',
    'schema',
  ],
  app: ['base', 'core', 'delivery', 'leadership', 'mirror', 'relay', 'schema', 'store', 'tunnel', 'shared'],
  cli: [
    'app',
    'base',
    'chaos',
    'diff',
    'schema',
    'trigger',
    'core',
    'delivery',
    'export',
    'leadership',
    'mcp',
    'mirror',
    'receiver',
    'relay',
    'shared',
    'signatures',
    'tunnel',
    'ui-server',
  ],
  shell: ['base', 'shared'],
  'main.ts': ['base', 'shell', 'shared'],
  'preload.ts': ['shared'],
  'cli.ts': ['cli'],
};

function sourceFiles(): string[] {
  return execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'electron', 'shared', 'renderer'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
}

/** The floor a path belongs to: `electron/<floor>/…`, `electron/<file>.ts`, `shared/…`, `renderer/…`. */
function floorOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'electron') return parts[0] ?? path;
  return parts[1] ?? path;
}

function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
}

describe('architecture floors', () => {
  it('every import runs down the floors the architecture allows (no cycles, no reach upwards)', () => {
    const violations: string[] = [];
    for (const file of sourceFiles()) {
      const from = floorOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(
          `${file}: floor "${from}" is not in the table; add it to ALLOWED and docs/ARCHITECTURE.md`,
        );
        continue;
      }
      for (const spec of relativeImports(readFileSync(join(ROOT, file), 'utf8'))) {
        const target = normalize(join(dirname(file), spec));
        const to = floorOf(target);
        if (to === from || to === 'package.json') continue;
        if (!allowed.includes(to)) violations.push(`${file} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no SQL, no database handle and no reach into the store outside electron/store', () => {
    const sql =
      /\.prepare\s*[(<]|\bdb\.exec\s*\(|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b|\bSELECT\b[^'\n]*\bFROM\b|better-sqlite3|from 'pg'|\.store\./;
    const offenders = sourceFiles()
      .filter((f) => f.startsWith('electron/') && !f.startsWith('electron/store/'))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => sql.test(line) && !/^\s*(\/\/|\*)/.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('only the facade tells its change feed to read: writes announce themselves on commit', () => {
    const pokes = sourceFiles()
      .filter((f) => f.startsWith('electron/') && f !== 'electron/core/inbox.ts')
      .filter((f) => /\bfeed\.poke\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(pokes).toEqual([]);
  });
});
