import { nullVerifier, type Verifier } from './verifier';

/** The verifier every face uses: the signatures module. */
export const defaultVerifier: Verifier = nullVerifier;
