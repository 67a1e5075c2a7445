import { appendCookies } from "@/lib/http/cookies";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { revokeAllCredentials } from "@/lib/revocation";
import { requestContextFrom } from "@/lib/security/request";
import { clearedSessionCookie } from "@/lib/session/cookie";

/** Ends every credential of the caller in every mode, this session included. */
export const POST = route(
  "session sign-out everywhere",
  async (request) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const { ended } = await revokeAllCredentials(session.user.id, "signed_out_everywhere", {
      context: requestContextFrom(request.headers),
    });
    return appendCookies(jsonOk({ revoked: ended.length }), clearedSessionCookie());
  },
  { sameOrigin: true },
);
