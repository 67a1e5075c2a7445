import { appendCookies } from "@/lib/http/cookies";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { endBrowserSignIn } from "@/lib/identity/sign-out";
import { sourceFromRequest } from "@/lib/http/credential-source";
import { requestContextFrom } from "@/lib/security/request";
import { clearedSessionCookie } from "@/lib/session/cookie";

/**
 * Revokes the server session and clears the cookie. `Clear-Site-Data: "cookies"` makes the
 * browser drop every cookie of this origin (ASVS 7.4.1), which signs it out of the other modes
 * too, so their server-side state is ended here as well.
 */
export const POST = route(
  "session sign-out",
  async (request) => {
    await endBrowserSignIn(sourceFromRequest(request), requestContextFrom(request.headers));
    const response = jsonOk({ signedOut: true }, { headers: { "Clear-Site-Data": '"cookies"' } });
    return appendCookies(response, clearedSessionCookie());
  },
  { sameOrigin: true },
);
