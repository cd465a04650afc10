import { detectScheme, handshakeResponse, providerEventInfo, verifyRequest } from '../signatures';
import type { Verifier } from './verifier';

/** The verifier every face uses: the signatures module. */
export const defaultVerifier: Verifier = {
  verify: verifyRequest,
  eventInfo: providerEventInfo,
  detect: (headers) => detectScheme(headers),
  handshake: handshakeResponse,
};
