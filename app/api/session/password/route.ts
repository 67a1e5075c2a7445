import { changePasswordSchema } from "@/lib/auth/validation";
import { readBody } from "@/lib/http/body";
import { HttpError, tooManyAttempts } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { requestContextFrom } from "@/lib/security/request";
import { changePassword } from "@/lib/session/service";

/** Changes the password; every other session and token of the user stops working. */
export const POST = route(
  "session password",
  async (request) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const input = await readBody(request, changePasswordSchema);
    const result = await changePassword(
      session.user.id,
      session.credential.session.id,
      input,
      requestContextFrom(request.headers),
    );
    if (!result.ok) {
      if (result.reason === "rate_limited") throw tooManyAttempts(result.retryAfterSeconds);
      throw result.reason === "wrong_password"
        ? new HttpError(400, "wrong_password", "The current password is incorrect.")
        : new HttpError(400, "no_password", "This account has no password; it signs in through a provider.");
    }
    return jsonOk({ changed: true, revoked: result.value.revoked });
  },
  { sameOrigin: true },
);
