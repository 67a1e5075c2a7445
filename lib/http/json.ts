import "server-only";

export type ErrorBody = { error: { code: string; message: string } };

/** The one error shape: a JSON error response's body, or an error line in a stream (the lab's). */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** The one error shape every route handler returns: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const response = Response.json(errorBody(code, message), { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export function jsonOk(body: unknown, init?: ResponseInit): Response {
  const response = Response.json(body, init);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  return response;
}
