import "server-only";
import type { NextRequest } from "next/server";
import { currentRequestContext, type RequestContext, requestContextFrom } from "@/lib/security/request";

/**
 * The audit context of an Auth.js callback or event: from the request on /api/auth/*, from the
 * request scope for auth() and actions, and none where neither exists.
 */
export async function oauthRequestContext(
  request: NextRequest | undefined,
): Promise<RequestContext | undefined> {
  if (request) return requestContextFrom(request.headers);
  try {
    return await currentRequestContext();
  } catch {
    return undefined;
  }
}
