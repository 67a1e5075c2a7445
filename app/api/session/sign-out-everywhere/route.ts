import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { revokeAllCredentials } from "@/lib/revocation";
import { requestContextFrom } from "@/lib/security/request";
import { withCookie } from "@/lib/session/http";
import { clearedSessionCookie } from "@/lib/session/cookie";

/** Ends every credential of the caller in every mode, this session included. */
export const POST = route(
  "session sign-out everywhere",
  async (request) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const { ended } = await revokeAllCredentials(session.user.id, "signed_out_everywhere", {
      context: requestContextFrom(request.headers),
    });
    return withCookie(
      NextResponse.json({ revoked: ended.length }, { headers: { "Cache-Control": "no-store" } }),
      clearedSessionCookie(),
    );
  },
  { sameOrigin: true },
);
