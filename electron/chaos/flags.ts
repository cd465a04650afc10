import type { ChaosFlag, ChaosStep } from '../../shared/chaos';

/** What one answer says about the handler, given whether the event was validly signed and what its first copy got. */
export function flagsFor(
  step: ChaosStep,
  signedValid: boolean,
  timedOut: boolean,
  first: ChaosStep | null,
): ChaosFlag[] {
  const flags: ChaosFlag[] = [];
  if (step.status === null) {
    flags.push(timedOut ? 'timeout' : 'send_error');
    return flags;
  }
  const ok = step.status >= 200 && step.status < 300;
  if (signedValid && !ok) flags.push('non_2xx_to_valid');
  if (step.kind === 'duplicate' && step.status >= 500) flags.push('duplicate_5xx');
  if (
    step.kind === 'duplicate' &&
    ok &&
    first?.status !== null &&
    first &&
    first.status >= 200 &&
    first.status < 300
  ) {
    if (first.answer !== step.answer) flags.push('duplicate_answered_differently');
  }
  return flags;
}

/** How many steps carry each flag. */
export function countFlags(steps: ChaosStep[]): Partial<Record<ChaosFlag, number>> {
  const counts: Partial<Record<ChaosFlag, number>> = {};
  for (const step of steps) for (const flag of step.flags) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}
