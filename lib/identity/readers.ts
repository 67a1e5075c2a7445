import "server-only";
import { readApiKeyIdentity } from "@/lib/apikey/identity";
import { readJwtIdentity } from "@/lib/jwt/identity";
import { readOAuthIdentity } from "@/lib/oauth/identity";
import { readSessionIdentity } from "@/lib/session/identity";

/**
 * The modes' registry: each mode contributes one reader from its own folder. The identity types
 * (lib/identity/types.ts) are derived from it, so a new mode is one line here.
 */
export const READERS = {
  session: readSessionIdentity,
  jwt: readJwtIdentity,
  oauth: readOAuthIdentity,
  // Reads only on the API routes that ask for a scope (getApiIdentity), never on pages.
  apikey: readApiKeyIdentity,
} as const;
