import { z } from "zod";
import { readBody } from "@/lib/http/body";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { revokeAccessToken, revokeRefreshToken } from "@/lib/jwt/revocation";
import { requestContextFrom } from "@/lib/security/request";

export const dynamic = "force-dynamic";

const revokeSchema = z.object({
  token: z
    .string({ error: "token is required" })
    .min(1, { error: "token is required" })
    .max(16 * 1024),
  token_type_hint: z.enum(["refresh_token", "access_token"]).optional(),
});

/**
 * RFC 7009 token revocation. A refresh token ends its whole family; an access token goes on the
 * jti deny-list (effective when JWT_DENYLIST is on). The answer is 200 whether or not the token
 * was known or valid (§2.2), so the endpoint tells nobody which tokens exist. Form bodies are
 * accepted as RFC 7009 specifies: the token in the body is the authority, not a cookie, so a
 * cross-site form can only revoke a token it already has.
 */
export const POST = route("jwt revoke", async (request) => {
  const { token, token_type_hint: hint } = await readBody(request, revokeSchema, ["json", "form"]);
  const context = requestContextFrom(request.headers);
  // §2.1: the hint orders the lookups; both kinds are tried either way.
  const attempts =
    hint === "access_token"
      ? [() => revokeAccessToken(token, context), () => revokeRefreshToken(token, context)]
      : [() => revokeRefreshToken(token, context), () => revokeAccessToken(token, context)];
  for (const attempt of attempts) if (await attempt()) break;
  return jsonOk({});
});
