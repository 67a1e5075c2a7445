import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { getApiIdentity } from "@/lib/identity";
import { listUserSignIns } from "@/lib/identity/sign-ins";
import { bearerErrorResponse } from "@/lib/jwt/bearer";
import { StoreUnavailableError } from "@/lib/db/errors";

export const dynamic = "force-dynamic";

/**
 * The caller's live sign-ins in every mode, as /account/sessions lists them: for scripts, with an
 * API key that has `read:sessions` (or any signed-in credential). Never a token or its hash.
 */
export const GET = route("me sessions", async (request) => {
  const identity = await getApiIdentity(request, "read:sessions");
  if (!identity.user) {
    if (identity.unavailable.length > 0) throw new StoreUnavailableError();
    return bearerErrorResponse();
  }
  const { sessions, jwtSignIns, providerSessions } = await listUserSignIns(identity.user.id);
  return jsonOk({
    user: identity.user,
    mode: identity.mode,
    sessions: sessions.map(({ id, createdAt, lastSeenAt, ipAddress, userAgent }) => ({
      id,
      createdAt,
      lastSeenAt,
      ipAddress,
      userAgent,
    })),
    jwtSignIns: jwtSignIns.map(({ id, createdAt, lastRotatedAt, ipAddress, userAgent }) => ({
      id,
      createdAt,
      lastRotatedAt,
      ipAddress,
      userAgent,
    })),
    providerSessions: providerSessions.map(({ id, provider, createdAt, lastSeenAt }) => ({
      id,
      provider,
      createdAt,
      lastSeenAt,
    })),
  });
});
