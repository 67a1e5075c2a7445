import "server-only";

// The one place that ends credentials, in every mode. Modes call in; nothing here imports a
// mode, so every mode can.
export {
  CREDENTIAL_MODES,
  type CredentialKind,
  type CredentialRef,
  type EndedCredential,
  revokeCredential,
  revokeOwnCredential,
  revokeSignIn,
} from "./credentials";
export { type KeepCredential, revokeAllCredentials, type UserRevocation } from "./user";
