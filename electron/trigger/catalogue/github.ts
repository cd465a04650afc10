/**
 * GitHub: every event and action from the community catalogue `@octokit/webhooks-examples`
 * (MIT). Its JSON is 4 MB, so it is read from node_modules on first use only, never bundled.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isRecord } from '../../signatures/bytes';
import type { Fresh, ProviderCatalogue, Template } from '../types';

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

let cached: ExampleGroup[] | null = null;

function loadExamples(): ExampleGroup[] {
  if (cached) return cached;
  const path = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(value)) throw new Error('@octokit/webhooks-examples is not the expected list of events');
  cached = value.flatMap((group): ExampleGroup[] => {
    if (!isRecord(group) || typeof group.name !== 'string' || !Array.isArray(group.examples)) return [];
    return [{ name: group.name, examples: group.examples.filter(isRecord) }];
  });
  return cached;
}

function headers(f: Fresh, event: string): [string, string][] {
  return [
    ['Accept', '*/*'],
    ['Content-Type', 'application/json'],
    ['User-Agent', `GitHub-Hookshot/${f.hex(7)}`],
    ['X-GitHub-Delivery', f.uuid()],
    ['X-GitHub-Event', event],
    ['X-GitHub-Hook-ID', f.digits(9)],
    ['X-GitHub-Hook-Installation-Target-ID', f.digits(9)],
    ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
    // GitHub still sends the SHA-1 signature next to SHA-256; the signer fills both.
    ['X-Hub-Signature', 'sha1='],
  ];
}

/** Example payloads carry fixed ids; a fresh delivery gets fresh top-level ids where they exist. */
function refresh(example: Record<string, unknown>, f: Fresh): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(example);
  if (typeof copy.after === 'string' && /^[0-9a-f]{40}$/.test(copy.after)) copy.after = f.hex(40);
  return copy;
}

function templates(): Template[] {
  const out: Template[] = [];
  for (const group of loadExamples()) {
    const seen = new Set<string>();
    for (const example of group.examples) {
      const action = typeof example.action === 'string' ? example.action : null;
      const type = action ? `${group.name}.${action}` : group.name;
      if (seen.has(type)) continue;
      seen.add(type);
      out.push({
        type,
        description: action ? `${group.name} (action: ${action})` : group.name,
        build: (f) => ({
          body: { kind: 'json', value: refresh(example, f) },
          headers: headers(f, group.name),
        }),
      });
    }
  }
  return out;
}

/** GitHub's catalogue. */
export const githubCatalogue: ProviderCatalogue = {
  scheme: 'github',
  source: '@octokit/webhooks-examples (every event and action)',
  templates,
};
