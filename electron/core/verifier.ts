import type {
  HandshakeKind,
  HeaderPair,
  ProviderName,
  Verification,
  VerifyOptions,
} from '../../shared/types';

/** What a sender signed; `url` is the full URL the sender used (public URL + path + query). */
export interface SignableRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

/** The signature functions the core needs, passed in so the receiver can be tested on its own. */
export interface Verifier {
  verify(
    req: SignableRequest,
    provider: ProviderName,
    secrets: string[],
    options: VerifyOptions,
    now: number,
  ): Verification;
  eventInfo(
    provider: ProviderName | null,
    headers: HeaderPair[],
    body: Uint8Array,
  ): {
    id: string | null;
    type: string | null;
    source?: string | null;
    /** The provider its own delivery headers name, when no signature did. */
    attributedTo?: ProviderName | null;
  };
  detect(headers: HeaderPair[]): ProviderName | null;
  handshake(
    req: SignableRequest,
    provider: ProviderName,
    secrets: string[],
  ): { kind: HandshakeKind; status: number; headers: HeaderPair[]; body: string } | null;
}
