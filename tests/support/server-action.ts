// Runs a server action in-process inside a real Next request scope (the request store Next builds
// for an action: `cookies()` and `headers()` read this request, cookie writes are collected), so
// an action can be called as its form would call it, with no server and no mocked Next module.
import { createRequestStore } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import type { FormState } from "@/lib/forms";

export type ActionOutcome =
  | { kind: "state"; state: FormState; setCookies: string[] }
  | { kind: "redirect"; location: string; setCookies: string[] };

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Calls `action` as a form post to `pathname` with these request headers would. */
export async function runServerAction(
  action: Action,
  formData: FormData,
  options: { pathname: string; headers: Headers },
): Promise<ActionOutcome> {
  const setCookies: string[] = [];
  const store = createRequestStore({
    phase: "action",
    headers: options.headers,
    onUpdateCookies: (cookies) => setCookies.push(...cookies),
    url: { pathname: options.pathname },
    rootParams: {},
    implicitTags: { tags: [], expirationsByCacheKind: new Map() },
    resumeDataCache: null,
    previewProps: undefined,
    isHmrRefresh: false,
    serverComponentsHmrCache: undefined,
    hmrRefreshHash: undefined,
    stagedFallbackParams: null,
  });
  // The route's work store, as Next makes it for a dynamic request (no incremental cache, no
  // prerendering), with nothing deferred to after the response.
  const work = createWorkStore({
    page: options.pathname,
    renderOpts: {
      cacheLifeProfiles: {},
      staticPageGenerationTimeout: 60,
      cacheComponents: false,
      validationLevel: undefined as never,
      experimental: { isRoutePPREnabled: false, authInterrupts: false },
      waitUntil: undefined,
      onClose: () => {},
      onAfterTaskError: undefined,
    } as never,
    deploymentId: "",
    buildId: "adversarial",
    previouslyRevalidatedTags: [],
  });
  try {
    const state = await workAsyncStorage.run(work, () =>
      workUnitAsyncStorage.run(store, () => action({}, formData)),
    );
    return { kind: "state", state, setCookies };
  } catch (error) {
    if (isRedirectError(error))
      return { kind: "redirect", location: getURLFromRedirectError(error), setCookies };
    throw error;
  }
}
