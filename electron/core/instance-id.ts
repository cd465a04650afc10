import { randomBytes } from 'node:crypto';

/**
 * A random id of this process, shown by `/healthz` instead of the pid: lets the tunnel probe tell
 * "this very process answered" without telling the internet anything about the machine.
 */
export const INSTANCE_ID = randomBytes(9).toString('base64url');
