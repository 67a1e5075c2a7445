import type { StandardRef } from "./types";

// The standards the lab cites, defined once: the /compare table links to them where no
// experiment measures a cell yet, and each experiment's explanation names the ones it rests on.

export const STANDARDS = {
  rfc6265: {
    label: "RFC 6265 §6.1 (cookie size: at least 4096 bytes)",
    url: "https://www.rfc-editor.org/rfc/rfc6265#section-6.1",
  },
  rfc7519: { label: "RFC 7519 (JSON Web Token)", url: "https://www.rfc-editor.org/rfc/rfc7519" },
  rfc7515: {
    label: "RFC 7515 §3 (JWS serialization: base64url, not encryption)",
    url: "https://www.rfc-editor.org/rfc/rfc7515#section-3",
  },
  rfc7009: { label: "RFC 7009 (token revocation)", url: "https://www.rfc-editor.org/rfc/rfc7009" },
  rfc7517: { label: "RFC 7517 (JSON Web Key sets)", url: "https://www.rfc-editor.org/rfc/rfc7517" },
  rfc6749: { label: "RFC 6749 (OAuth 2.0)", url: "https://www.rfc-editor.org/rfc/rfc6749" },
  rfc6750: { label: "RFC 6750 (Bearer tokens)", url: "https://www.rfc-editor.org/rfc/rfc6750" },
  rfc8725: { label: "RFC 8725 (JWT best current practices)", url: "https://www.rfc-editor.org/rfc/rfc8725" },
  rfc9068: { label: "RFC 9068 (JWT access tokens)", url: "https://www.rfc-editor.org/rfc/rfc9068" },
  rfc9700: {
    label: "RFC 9700 §4.14 (refresh token protection)",
    url: "https://www.rfc-editor.org/rfc/rfc9700#section-4.14",
  },
  asvsV7: {
    label: "OWASP ASVS 5.0, V7 Session Management",
    url: "https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x16-V7-Session-Management.md",
  },
  asvsV9: {
    label: "OWASP ASVS 5.0, V9 Self-contained Tokens",
    url: "https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x18-V9-Self-contained-Tokens.md",
  },
  asvsV3: {
    label: "OWASP ASVS 5.0, V3 Web Frontend Security",
    url: "https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x12-V3-Web-Frontend-Security.md",
  },
  owaspSession: {
    label: "OWASP Session Management Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html",
  },
  owaspJwt: {
    label: "OWASP JSON Web Token Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
  },
  owaspCsrf: {
    label: "OWASP CSRF Prevention Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html",
  },
  owaspXss: {
    label: "OWASP XSS Prevention Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html",
  },
  owaspStorage: {
    label: "OWASP HTML5 Security Cheat Sheet (local storage)",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage",
  },
  owaspOAuth: {
    label: "OWASP OAuth 2.0 Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/OAuth2_Cheat_Sheet.html",
  },
  owaspKeys: {
    label: "OWASP Key Management Cheat Sheet",
    url: "https://cheatsheetseries.owasp.org/cheatsheets/Key_Management_Cheat_Sheet.html",
  },
  asvsV10: {
    label: "OWASP ASVS 5.0, V10 OAuth and OIDC",
    url: "https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x19-V10-OAuth-and-OIDC.md",
  },
  oidcCore: {
    label: "OpenID Connect Core 1.0",
    url: "https://openid.net/specs/openid-connect-core-1_0.html",
  },
} as const satisfies Record<string, StandardRef>;
