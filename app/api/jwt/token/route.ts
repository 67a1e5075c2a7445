import { z } from "zod";
import { INVALID_CREDENTIALS_MESSAGE, verifyPasswordSignIn } from "@/lib/auth/credentials";
import { emailSchema } from "@/lib/auth/email";
import { currentPasswordSchema } from "@/lib/auth/password";
import { jsonError } from "@/lib/http/json";
import { guarded, rateLimited, readBody, tokenResponse } from "@/lib/jwt/http";
import { issueTokenPair } from "@/lib/jwt/token-pair";
import { requestContextFrom } from "@/lib/security/request";

export const dynamic = "force-dynamic";

const credentialsSchema = z.object({ email: emailSchema, password: currentPasswordSchema });

/**
 * For non-browser clients: email + password as JSON → an access and a refresh token in the body.
 * Tokens in a response body are not reachable by another origin's page: a cross-site form
 * cannot send JSON, and CORS is not enabled, so there is no login CSRF here.
 */
export async function POST(request: Request): Promise<Response> {
  return guarded("token", async () => {
    const body = await readBody(request, credentialsSchema);
    if (!body.ok) return body.response;
    const context = requestContextFrom(request.headers);
    const result = await verifyPasswordSignIn(body.data, context, "jwt");
    if (!result.ok) {
      if (result.code === "rate_limited") return rateLimited(result.retryAfterSeconds);
      // RFC 6749 §5.2: bad resource-owner credentials are invalid_grant.
      return jsonError(400, "invalid_grant", INVALID_CREDENTIALS_MESSAGE);
    }
    return tokenResponse(await issueTokenPair(result.user, context));
  });
}
