import "server-only";

/** The one error shape every route handler returns: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const response = Response.json({ error: { code, message } }, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export function jsonOk(body: unknown, init?: ResponseInit): Response {
  const response = Response.json(body, init);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  return response;
}
