import { NextResponse } from "next/server";
import { endOtherModesInBrowser } from "@/lib/auth/browser-sign-out";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { refuseCrossSite } from "@/lib/http/guard";
import { requestContextFrom } from "@/lib/security/request";
import { sessionCookieOf, withCookie } from "@/lib/session/http";
import { clearedSessionCookie } from "@/lib/session/cookie";
import { signOut } from "@/lib/session/service";

/**
 * Deletes the server session and clears the cookie. `Clear-Site-Data: "cookies"` makes the
 * browser drop every cookie of this origin (ASVS 7.4.1), which signs it out of the other modes
 * too, so their server-side state is ended here as well.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const context = requestContextFrom(request.headers);
  await signOut(sessionCookieOf(request), context);
  await endOtherModesInBrowser(sourceFromRequest(request), context);
  const response = NextResponse.json(
    { signedOut: true },
    { headers: { "Cache-Control": "no-store", "Clear-Site-Data": '"cookies"' } },
  );
  return withCookie(response, clearedSessionCookie());
}
