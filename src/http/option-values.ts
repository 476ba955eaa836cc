/**
 * The values a server option may take, for the mock's and the proxy's option rules alike (each
 * resolver words the failure with the caller's name for the option). Numbers may arrive as
 * text, the way a command line or the environment gives them.
 */
import { isIP } from "node:net";

export type Numeric = number | string;

/** A value as a message quotes it: text in quotes, anything else as it prints. */
export const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** A whole number in [min, max] from a number or its decimal text; undefined when it is not one. */
export function wholeNumber(value: Numeric, min: number, max: number): number | undefined {
  const number = typeof value === "string" ? (/^\s*\d+\s*$/.test(value) ? Number(value) : NaN) : value;
  return Number.isSafeInteger(number) && number >= min && number <= max ? number : undefined;
}

export const PORT_RULE = "a whole number from 0 to 65535";

/** A TCP port, 0 for a free one; undefined when it is not one. */
export const port = (value: Numeric): number | undefined => wholeNumber(value, 0, 65535);

export const SECONDS_RULE = "a number of seconds above 0 and at most 86400";

/** A positive number of seconds up to a day, fractions allowed; undefined when it is not one. */
export function seconds(value: Numeric): number | undefined {
  const number = typeof value === "string" ? (/^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN) : value;
  return number > 0 && number <= 86_400 ? number : undefined;
}

export const HOST_RULE = "an IP address or a host name";

/** An address to listen on. Dotted digits are an IPv4 address or a mistake, never a host name to look up. */
export function isHost(value: string): boolean {
  return value.trim() !== "" && value === value.trim() && !(/^[\d.]+$/.test(value) && isIP(value) === 0);
}

/**
 * Options that cannot work. `message` names them as the library does; `explain` words them as
 * the caller names its options (the CLI says `--port`). Never carries a secret.
 */
export class OptionsError<Option extends string> extends Error {
  constructor(readonly explain: (name: (option: Option) => string) => string) {
    super(explain((option) => option));
  }
}
