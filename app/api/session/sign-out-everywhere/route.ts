import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { requestContextFrom } from "@/lib/security/request";
import { withCookie } from "@/lib/session/http";
import { clearedSessionCookie, signOutEverywhere } from "@/lib/session/service";

/** Revokes every session-mode session of the caller, this one included. */
export const POST = route(
  "session sign-out everywhere",
  async (request) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const revoked = await signOutEverywhere(session.user.id, requestContextFrom(request.headers));
    return withCookie(
      NextResponse.json({ revoked }, { headers: { "Cache-Control": "no-store" } }),
      clearedSessionCookie(),
    );
  },
  { sameOrigin: true },
);
