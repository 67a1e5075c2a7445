// What each sign-in error means to a person, and what to do next. Auth.js passes its own error
// types in `?error=`; authlab adds a few of its own. Unknown codes get the generic message.
export type ErrorMessage = { title: string; body: string };

const MESSAGES: Record<string, ErrorMessage> = {
  Configuration: {
    title: "Sign-in could not be completed",
    body: "The answer from the provider could not be verified. This happens when the sign-in took too long, was started in another tab or browser, or the provider is misconfigured. Start again from the sign-in page.",
  },
  AccessDenied: {
    title: "Sign-in was refused",
    body: "authlab did not accept this sign-in. If you think it should have, sign in another way or ask an administrator.",
  },
  OAuthCallbackError: {
    title: "The provider did not finish the sign-in",
    body: "The provider sent you back without an approval (perhaps you chose Deny, or it reported an error). Try again, and allow access when asked.",
  },
  OAuthAccountNotLinked: {
    title: "That account belongs to someone else here",
    body: "This provider account is already linked to a different authlab user, or its email is already in use. Sign in the way you usually do, then link it from Account → Connections.",
  },
  MissingCSRF: {
    title: "The sign-in form expired",
    body: "The form's security token was missing or stale. Reload the sign-in page and try again.",
  },
  Verification: {
    title: "The link has expired",
    body: "The sign-in link is no longer valid. Start again from the sign-in page.",
  },
  EmailMissing: {
    title: "No email address was shared",
    body: "authlab needs an email address to create your account, and the provider did not share one. Make an email visible to the app at the provider (or verify one), then try again.",
  },
  EmailUnverified: {
    title: "The email address is not verified",
    body: "The provider says the email it shared has not been verified. Verify it with the provider, then try again.",
  },
  AccountDisabled: {
    title: "This account is disabled",
    body: "An administrator has disabled this authlab account, so no sign-in method works for it.",
  },
};

const DEFAULT: ErrorMessage = {
  title: "Something went wrong while signing in",
  body: "Nothing was changed. Go back to the sign-in page and try again.",
};

export function describeSignInError(code: string | undefined): ErrorMessage {
  return (code && Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined) ?? DEFAULT;
}
