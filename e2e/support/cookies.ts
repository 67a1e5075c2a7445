// The cookies the e2e server sets. It is a production build served on http://localhost, so the
// session and JWT cookies carry their production prefixes (lib/session/cookie.ts,
// lib/jwt/cookies.ts) while Auth.js's follow APP_URL's http scheme (lib/oauth/cookies.ts).
// Chromium treats http://localhost as a secure context, so it keeps Secure cookies there.

export const SESSION_COOKIE = "__Host-authlab-session";

export const JWT_ACCESS_COOKIE = "__Host-authlab-jwt";
/** Path-scoped (RFC 9700 §4.14: the refresh token travels only to the refresh endpoint), so `__Secure-`. */
export const JWT_REFRESH_COOKIE = "__Secure-authlab-jwt-refresh";
export const JWT_REFRESH_PATH = "/api/jwt/refresh";

export const OAUTH_SESSION_COOKIE = "authjs.session-token";
