import type { MirrorCursor } from '../core/mirror-records';

/** The settings row holding the mirror's place in the relay feed (written without a change row: nobody listens). */
export const MIRROR_CURSOR_KEY = 'relay.cursor';

/** True for a stored {@link MirrorCursor}. */
export function isMirrorCursor(value: unknown): value is MirrorCursor {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return typeof o.url === 'string' && typeof o.cursor === 'number';
}
