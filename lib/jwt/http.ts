import "server-only";
import { jsonOk } from "@/lib/http/json";
import type { TokenPair } from "./token-pair";

/** RFC 6749 §5.1 token response (no-store). */
export function tokenResponse(pair: TokenPair): Response {
  return jsonOk(
    {
      access_token: pair.access.token,
      refresh_token: pair.refresh.token,
      token_type: "Bearer",
      expires_in: pair.access.expiresIn,
    },
    { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } },
  );
}
