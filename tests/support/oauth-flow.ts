// A browser's side of an OAuth flow against the real Auth.js route, in process: a cookie jar per
// browser and requests the way a browser sends them.
import { NextRequest } from "next/server";

export const APP = "http://localhost:3000";

/** One browser's cookies for one site. */
export type Jar = Map<string, string>;

/** Keeps what a response sets, forgets what it clears. */
export function storeCookies(jar: Jar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1);
    if (!value || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

export const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** A request to the app from the browser holding `jar` (a form POST when `body` is given). */
export function appRequest(
  path: string,
  jar: Jar,
  init: { method?: string; body?: string } = {},
): NextRequest {
  return new NextRequest(new URL(path, APP), {
    method: init.method ?? "GET",
    body: init.body,
    headers: {
      cookie: cookieHeader(jar),
      ...(init.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
  });
}
