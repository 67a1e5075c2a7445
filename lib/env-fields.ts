// The zod shapes lib/env.ts builds its settings from: flags, durations, counts, optional text
// and URLs, each with how an empty value (as .env.example leaves it) is read.
import { z } from "zod";

export const DAY = 24 * 60 * 60;

const flagValue = z.enum(["0", "1", "true", "false", ""]);
export const flag = flagValue.default("0").transform((value) => value === "1" || value === "true");
/** A flag whose default depends on the platform: unset (or empty) stays undefined. */
export const optionalFlag = flagValue
  .optional()
  .transform((v) => (v ? v === "1" || v === "true" : undefined));

export const seconds = (fallback: number, max = 365 * DAY) =>
  z.coerce.number().int().positive().max(max).default(fallback);

/** A whole number from 1 to max whose default depends on the platform; empty counts as unset. */
export const optionalCount = (max: number) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(max).optional(),
  );

export const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

export const secret = z.string().optional();

/** An http(s) URL, or unset (an empty value, as .env.example leaves it, counts as unset). */
export const optionalHttpUrl = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.url({ protocol: /^https?$/ }).optional(),
);
