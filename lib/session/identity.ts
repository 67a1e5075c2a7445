import "server-only";
import type { CredentialSource, ModeIdentity } from "@/lib/core/identity";
import { sessionCookieName, unsealSessionToken } from "./cookie";
import { type ServerSessionRecord, validateSessionToken } from "./store";

/** What session mode presents to the identity function and the dashboard. */
export type SessionCredential = {
  cookieName: string;
  /** Bytes the browser sends for this cookie (`name=value`). */
  cookieBytes: number;
  /** The sealed value as the browser holds it (opaque: AES-256-CBC + HMAC, iron). */
  sealedValue: string;
  /** What the server found after unsealing: only a token, whose hash keys the row. */
  payload: { token: "[redacted]" };
  session: ServerSessionRecord;
};

/** Reads and validates the session cookie. Anything wrong with it reads as signed out. */
export async function readSessionIdentity(
  source: CredentialSource,
): Promise<ModeIdentity<"session", SessionCredential> | null> {
  const name = sessionCookieName();
  const sealed = source.cookie(name);
  const token = await unsealSessionToken(sealed);
  if (!sealed || !token) return null;
  const result = await validateSessionToken(token);
  if (!result.ok) return null;
  return {
    mode: "session",
    user: result.value.user,
    credential: {
      cookieName: name,
      cookieBytes: Buffer.byteLength(`${name}=${sealed}`),
      sealedValue: sealed,
      payload: { token: "[redacted]" },
      session: result.value.session,
    },
  };
}
