/**
 * Drift across a type's events, oldest first: a field that appeared (absent from the first events,
 * present later), vanished (present, then absent from the later ones) or changed type.
 */
import type { DriftFinding, DriftReport } from '../../shared/schema-checks';
import { type JsonType, jsonPaths } from './json-paths';

export type { DriftFinding };

/** One body to compare, in time order. */
export interface DriftSample {
  eventId: string;
  value: unknown;
}

/** Fields that appeared, vanished or changed type across the samples (oldest first). */
export function findDrift(samples: DriftSample[]): DriftFinding[] {
  const seen = new Map<string, { first: number; last: number; types: Map<JsonType, number> }>();
  samples.forEach((sample, index) => {
    for (const [path, types] of jsonPaths(sample.value)) {
      const entry = seen.get(path) ?? { first: index, last: index, types: new Map<JsonType, number>() };
      entry.last = index;
      for (const type of types) if (!entry.types.has(type)) entry.types.set(type, index);
      seen.set(path, entry);
    }
  });
  const findings: DriftFinding[] = [];
  const at = (index: number) => samples[index]?.eventId ?? '';
  const last = samples.length - 1;
  for (const [path, entry] of seen) {
    // A field under one that appeared is reported with its parent only.
    const parentAppeared = [...seen].some(
      ([p, e]) => path.startsWith(`${p}.`) && e.first === entry.first && e.first > 0,
    );
    if (entry.first > 0 && !parentAppeared)
      findings.push({
        kind: 'appeared',
        path,
        eventId: at(entry.first),
        detail: `absent from the ${entry.first} event(s) before`,
      });
    if (entry.last < last && !parentAppeared)
      findings.push({
        kind: 'vanished',
        path,
        eventId: at(entry.last),
        detail: `absent from the ${last - entry.last} event(s) after`,
      });
    const types = [...entry.types].sort((a, b) => a[1] - b[1]);
    if (types.length > 1) {
      const [, changedAt] = types[1] ?? ['', 0];
      findings.push({
        kind: 'type_changed',
        path,
        eventId: at(changedAt),
        detail: types.map(([t]) => t).join(' → '),
      });
    }
  }
  return findings;
}

/** Drift of the selected events, per type (the report `schema drift` prints and the GUI shows). */
export function driftReport(samples: {
  byType: Map<string, DriftSample[]>;
  skipped: number;
}): DriftReport {
  return {
    types: [...samples.byType].map(([type, list]) => ({
      type,
      events: list.length,
      findings: findDrift(list),
    })),
    skippedNonJson: samples.skipped,
  };
}
