// The cookies the e2e server sets. It is a production build served on http://localhost, and
// every mode's cookies follow APP_URL's scheme (lib/http/cookies.ts `usesSecureCookies`): on http
// they carry no Secure flag and no `__Host-`/`__Secure-` prefix (tests/cookies.test.ts covers the
// https forms).

export const SESSION_COOKIE = "authlab-session";

export const JWT_ACCESS_COOKIE = "authlab-jwt";
/** Path-scoped (RFC 9700 §4.14: the refresh token travels only to the refresh endpoint). */
export const JWT_REFRESH_COOKIE = "authlab-jwt-refresh";
export const JWT_REFRESH_PATH = "/api/jwt/refresh";

export const OAUTH_SESSION_COOKIE = "authjs.session-token";
