import "server-only";
import { EXPERIMENT_SLUGS } from "./registry";
import { STANDARDS } from "./standards";
import type { StandardRef } from "./types";

// The /compare table: one row per property, one cell per mode. Each row names the experiment
// that measures it (its slug from issue 12) and the standard it rests on; a cell links to the
// experiment once it is built, else to the standard. Cells describe this app's design; the
// numbers come from the experiments.

export const COMPARED_MODES = [
  { key: "session", label: "Session" },
  { key: "jwt", label: "JWT" },
  { key: "oauth", label: "OAuth (Auth.js)" },
] as const;

type ModeKey = (typeof COMPARED_MODES)[number]["key"];

type Row = { property: string; experiment?: string; standard: StandardRef; cells: Record<ModeKey, string> };

const ROWS: readonly Row[] = [
  {
    property: "Where state lives",
    experiment: "server-storage",
    standard: STANDARDS.asvsV7,
    cells: {
      session: "On the server; the cookie holds a sealed random token",
      jwt: "In the signed token; the refresh family on the server",
      oauth: "On the server (Auth.js session row); the cookie holds a random id",
    },
  },
  {
    property: "Revocation (sign-out)",
    experiment: "logout",
    standard: STANDARDS.rfc7009,
    cells: {
      session: "At once: the session row is revoked",
      jwt: "The access token lives until exp, unless the deny-list is on",
      oauth: "At once: the session row is deleted",
    },
  },
  {
    property: "Server storage per sign-in",
    experiment: "server-storage",
    standard: STANDARDS.asvsV7,
    cells: {
      session: "One session row (or Redis hash)",
      jwt: "A refresh family and a row per refresh token",
      oauth: "One session row, plus an account row per provider",
    },
  },
  {
    property: "Credential size",
    experiment: "size",
    standard: STANDARDS.rfc6265,
    cells: {
      session: "A sealed token: fixed size",
      jwt: "Claims plus signature: grows with every claim",
      oauth: "A random 256-bit id: fixed size",
    },
  },
  {
    property: "Readable by whoever holds it",
    experiment: "readable-payload",
    standard: STANDARDS.rfc7515,
    cells: {
      session: "No: the seal is encrypted",
      jwt: "Yes: signed, not encrypted",
      oauth: "No: a random id",
    },
  },
  {
    property: "Per-request cost",
    experiment: "per-request-cost",
    standard: STANDARDS.asvsV9,
    cells: {
      session: "One store read (the unseal is remembered)",
      jwt: "One signature check, no store read (deny-list: one read)",
      oauth: "One store read",
    },
  },
  {
    property: "Scaling across servers",
    experiment: "scaling",
    standard: STANDARDS.rfc7517,
    cells: {
      session: "Every instance reads the shared store",
      jwt: "Verifies with the public key alone; revocation needs the store",
      oauth: "Every instance reads the shared database",
    },
  },
  {
    property: "CSRF exposure",
    experiment: "csrf",
    standard: STANDARDS.owaspCsrf,
    cells: {
      session: "Cookie: SameSite=Lax and an Origin check",
      jwt: "Cookie: SameSite=Lax and an Origin check; Bearer: none",
      oauth: "Cookie: SameSite=Lax and Auth.js's CSRF token",
    },
  },
  {
    property: "XSS exposure",
    experiment: "xss",
    standard: STANDARDS.owaspXss,
    cells: {
      session: "HttpOnly: unreadable by scripts, usable while the page is open",
      jwt: "HttpOnly cookie here; in localStorage a script could read it",
      oauth: "HttpOnly: unreadable by scripts, usable while the page is open",
    },
  },
  {
    property: "Key management",
    experiment: "key-rotation",
    standard: STANDARDS.owaspKeys,
    cells: {
      session: "SESSION_SECRET seals cookies; a list rotates it",
      jwt: "ES256 key pairs, rotated, public halves in the JWKS",
      oauth: "AUTH_SECRET and each provider's client secret",
    },
  },
  {
    property: "Offline verification",
    experiment: "offline-verification",
    standard: STANDARDS.rfc7517,
    cells: {
      session: "No: needs the store",
      jwt: "Yes: with the public key from the JWKS",
      oauth: "No: needs the store",
    },
  },
  {
    property: "When the store is down",
    experiment: "store-outage",
    standard: STANDARDS.asvsV7,
    cells: {
      session: "503 with Retry-After, never signed out",
      jwt: "Access tokens keep working until exp; refresh answers 503",
      oauth: "503 with Retry-After, never signed out",
    },
  },
  {
    property: "Stolen refresh token",
    experiment: "stolen-refresh-token",
    standard: STANDARDS.rfc9700,
    cells: {
      session: "No refresh token: the session is the credential",
      jwt: "Reuse revokes the whole family",
      oauth: "Provider refresh tokens never leave the server",
    },
  },
  {
    property: "Delegated identity",
    experiment: "delegated-sign-in",
    standard: STANDARDS.oidcCore,
    cells: {
      session: "No: authlab checks the password",
      jwt: "No: authlab checks the password",
      oauth: "Yes: the provider signs the user in",
    },
  },
  {
    property: "Scripts (API keys)",
    experiment: "api-keys",
    standard: STANDARDS.rfc6750,
    cells: {
      session: "Personal API keys: API routes only, revoked at once",
      jwt: "Bearer tokens work on the API; keys likewise",
      oauth: "Personal API keys: API routes only, revoked at once",
    },
  },
];

export type CompareCell = { text: string; href: string; external: boolean };
export type CompareRow = { property: string; cells: CompareCell[]; source: { label: string; href: string } };

/** The table as the page renders it: every cell with the link it carries. */
export function compareTable(): CompareRow[] {
  return ROWS.map((row) => {
    const built = row.experiment !== undefined && EXPERIMENT_SLUGS.includes(row.experiment);
    const href = built ? `/compare/${row.experiment}` : row.standard.url;
    return {
      property: row.property,
      cells: COMPARED_MODES.map((mode) => ({ text: row.cells[mode.key], href, external: !built })),
      source: built
        ? { label: "the experiment", href }
        : { label: row.standard.label, href: row.standard.url },
    };
  });
}
