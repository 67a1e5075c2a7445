import { Facts } from "./panel";

export type CookieView = {
  name: string;
  bytes: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  path: string;
  maxAge?: number | null;
};

function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** The cookie as the browser holds it: name, size and the attributes it was set with. */
export function CookieFacts({ cookie, testId }: { cookie: CookieView; testId: string }) {
  return (
    <Facts
      testId={testId}
      items={[
        ["Cookie", cookie.name],
        [
          "Size",
          <span key="size" data-testid={`${testId}-bytes`}>
            {cookie.bytes} bytes
          </span>,
        ],
        ["HttpOnly", cookie.httpOnly ? "yes (scripts cannot read it)" : "no"],
        ["Secure", cookie.secure ? "yes (HTTPS only)" : "no (APP_URL is http)"],
        ["SameSite", cookie.sameSite],
        ["Path", cookie.path],
        [
          "Max-Age",
          cookie.maxAge
            ? `${cookie.maxAge} s (${duration(cookie.maxAge)})`
            : "session (until the browser closes)",
        ],
      ]}
    />
  );
}
