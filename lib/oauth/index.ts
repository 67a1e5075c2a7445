import "server-only";
import NextAuth from "next-auth";
import { createAuthConfig } from "./config";

/**
 * Auth.js for OAuth/OIDC mode. The configuration is built per request so callbacks can see the
 * request (audit context, the link-intent cookie) and so settings are read at run time, not build.
 */
export const { handlers, auth, signIn, signOut } = NextAuth((request) => createAuthConfig(request));
