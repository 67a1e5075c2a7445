/**
 * The digest a StoreUnavailableError carries. Next keeps an error's own digest when it crosses
 * from a server component to the error boundary (messages are hidden in production), so
 * app/error.tsx can tell "temporarily unavailable" from any other failure.
 */
export const STORE_UNAVAILABLE_DIGEST = "AUTHLAB_STORE_UNAVAILABLE";
