import { z } from "zod";
import { MAX_BODY_BYTES, mediaTypeOf, readBody, readBodyText } from "@/lib/http/body";
import { appendCookies } from "@/lib/http/cookies";
import { HttpError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { revokeAllCredentials } from "@/lib/revocation";
import { requestContextFrom } from "@/lib/security/request";
import { clearedSessionCookie } from "@/lib/session/cookie";

const optionsSchema = z
  .object({ includeApiKeys: z.boolean({ error: "includeApiKeys must be true or false" }).optional() })
  .strict();

/** The body is optional: none (or `{}`) keeps the API keys, as the form does unticked. */
async function readOptions(request: Request): Promise<z.infer<typeof optionsSchema>> {
  if (mediaTypeOf(request) !== "") return readBody(request, optionsSchema);
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === "" || text?.trim() === "") return {};
  throw new HttpError(415, "unsupported_media_type", "Send the body as application/json.");
}

/**
 * Ends every credential of the caller in every mode, this session included; the API keys too with
 * `{"includeApiKeys": true}` (a key is a grant to a script, not a sign-in: docs/api-keys.md).
 */
export const POST = route(
  "session sign-out everywhere",
  async (request) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const { includeApiKeys = false } = await readOptions(request);
    const { ended } = await revokeAllCredentials(session.user.id, "signed_out_everywhere", {
      context: requestContextFrom(request.headers),
      includeApiKeys,
    });
    return appendCookies(jsonOk({ revoked: ended.length }), clearedSessionCookie());
  },
  { sameOrigin: true },
);
