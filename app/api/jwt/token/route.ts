import { z } from "zod";
import { INVALID_CREDENTIALS_MESSAGE, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { emailSchema } from "@/lib/auth/email";
import { currentPasswordSchema } from "@/lib/auth/password";
import { readBody } from "@/lib/http/body";
import { HttpError, tooManyAttempts } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/jwt/http";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { requestContextFrom } from "@/lib/security/request";

export const dynamic = "force-dynamic";

const credentialsSchema = z.object({ email: emailSchema, password: currentPasswordSchema });

/**
 * For non-browser clients: email + password as JSON → an access and a refresh token in the body.
 * Tokens in a response body are not reachable by another origin's page: a cross-site form
 * cannot send JSON, and CORS is not enabled, so there is no login CSRF here.
 */
export const POST = route("jwt token", async (request) => {
  const input = await readBody(request, credentialsSchema);
  const context = requestContextFrom(request.headers);
  const result = await verifyPasswordSignIn(input, context, "jwt");
  if (!result.ok) {
    if (result.reason === "rate_limited") throw tooManyAttempts(result.retryAfterSeconds);
    // RFC 6749 §5.2: bad resource-owner credentials are invalid_grant.
    throw new HttpError(400, "invalid_grant", INVALID_CREDENTIALS_MESSAGE);
  }
  return tokenResponse(await issueTokenPair(result.value, context));
});
