import { z } from "zod";
import { HttpError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { requireRequestMode } from "@/lib/identity";
import { requestContextFrom } from "@/lib/security/request";
import { revokeOwnCredential } from "@/lib/revocation";

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/);

/** Revokes one of the caller's own sessions (404 for anyone else's: no probing). */
export const POST = route<{ params: Promise<{ id: string }> }>(
  "session revoke",
  async (request, { params }) => {
    const session = await requireRequestMode(request, "session", "Sign in with session mode first.");
    const id = idSchema.safeParse((await params).id);
    if (
      !id.success ||
      !(await revokeOwnCredential(
        session.user.id,
        "server_session",
        id.data,
        requestContextFrom(request.headers),
      ))
    ) {
      throw new HttpError(404, "not_found", "No such active session.");
    }
    return jsonOk({ revoked: id.data });
  },
  { sameOrigin: true },
);
