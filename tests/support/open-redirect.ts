/**
 * Destinations that must never leave the app (issue 10, item 1). Shared with the route and e2e
 * tests of every redirecting endpoint and action (each must answer its fallback).
 */
export const OPEN_REDIRECT_PAYLOADS = [
  "//evil.example",
  "/.//evil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/a/..//evil.example",
  "/a/%2e%2e//evil.example",
  "/./%2f/evil.example",
  "/\\evil.example",
  "/%5cevil.example",
  "/%5C%5Cevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/%09/evil.example",
  "https://evil.example/",
  "http:evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "/javascript:alert(1)//%0a",
] as const;
