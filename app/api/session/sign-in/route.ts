import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/credentials";
import { signInSchema } from "@/lib/auth/validation";
import { readBody } from "@/lib/http/body";
import { appendCookies } from "@/lib/http/cookies";
import { HttpError, tooManyAttempts } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { requestContextFrom } from "@/lib/security/request";
import { sessionCookieOf } from "@/lib/session/http";
import { signInWithPassword } from "@/lib/session/service";

/** JSON sign-in for session mode (the pages use a server action with the same core). */
export const POST = route(
  "session sign-in",
  async (request) => {
    const input = await readBody(request, signInSchema);
    const result = await signInWithPassword(
      input,
      requestContextFrom(request.headers),
      sessionCookieOf(request),
    );
    if (!result.ok) {
      if (result.reason === "rate_limited") throw tooManyAttempts(result.retryAfterSeconds);
      throw new HttpError(401, "invalid_credentials", INVALID_CREDENTIALS_MESSAGE);
    }
    const { user, session, cookie } = result.value;
    return appendCookies(jsonOk({ user, session }), cookie);
  },
  { sameOrigin: true },
);
