// The one request builder for route-handler and identity tests.
import { randomInt } from "node:crypto";

export const ORIGIN = "http://localhost:3000";

export type RequestOptions = {
  /** GET without a body, POST with one, unless given. */
  method?: string;
  /** JSON-encoded unless already a string (to send malformed JSON as it is). */
  body?: unknown;
  cookie?: string;
  /** Added to (or, as null, removing) the defaults below. */
  headers?: Record<string, string | null>;
};

/**
 * A request as the app's own page on http://localhost:3000 would send it: same-origin, with a
 * browser's user agent, JSON when there is a body. API-client tests use it too (the token
 * endpoints ignore Origin); a cross-site test overrides `origin`.
 */
export function jsonRequest(path: string, options: RequestOptions = {}): Request {
  const headers: Record<string, string | null> = {
    host: "localhost:3000",
    origin: ORIGIN,
    "user-agent":
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  // A null header value removes a default (e.g. `origin: null` for a request without Origin).
  const present = Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null);
  return new Request(`${ORIGIN}${path}`, {
    method: options.method ?? (options.body !== undefined ? "POST" : "GET"),
    headers: present,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
}

/**
 * A client IP of its own per call: vitest runs with TRUST_PROXY=1, so per-IP rate limits never
 * couple two tests (the files share one database).
 */
export function clientIp(): { "x-forwarded-for": string } {
  const octet = () => randomInt(1, 255);
  return { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` };
}

export type ParsedCookie = { name: string; value: string; attributes: Record<string, string | true> };

/** The Set-Cookie headers of a response, parsed. */
export function setCookies(response: Response): ParsedCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair = "", ...rest] = line.split(";");
    const index = pair.indexOf("=");
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [key = "", ...value] = attribute.trim().split("=");
      attributes[key.toLowerCase()] = value.length ? value.join("=") : true;
    }
    return { name: pair.slice(0, index), value: pair.slice(index + 1), attributes };
  });
}

export function cookieHeader(cookie: ParsedCookie): string {
  return `${cookie.name}=${cookie.value}`;
}
