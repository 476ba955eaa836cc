/**
 * Status codes and card statuses with their names, read from the spec's enums
 * (`x-enum-varnames`, `x-enum-descriptions`), and typed by the enums openapi-typescript
 * generated from the same schemas: one fact, in the spec, read by types and code alike.
 */
import type { CardStatus as CardStatusEnum, ErrorStatus as ErrorStatusEnum } from "../../generated/gift-cards.js";
import { loadSpec } from "./load.js";

interface NamedEnum {
  byName: Record<string, number>;
  names: Map<number, string>;
  descriptions: Map<number, string>;
}

function namedEnum(schemaName: string): NamedEnum {
  const schema = loadSpec().components.schemas[schemaName] as {
    enum: number[];
    "x-enum-varnames": string[];
    "x-enum-descriptions"?: string[];
  };
  const byName: Record<string, number> = {};
  const names = new Map<number, string>();
  const descriptions = new Map<number, string>();
  schema.enum.forEach((value, i) => {
    const name = schema["x-enum-varnames"][i]!;
    byName[name] = value;
    names.set(value, name);
    descriptions.set(value, schema["x-enum-descriptions"]?.[i] ?? name);
  });
  return { byName, names, descriptions };
}

const errorStatus = namedEnum("ErrorStatus");
const cardStatus = namedEnum("CardStatus");

/** Business error codes by name: `ErrorStatus.IncorrectOtp === -8`. */
export const ErrorStatus = Object.freeze(errorStatus.byName) as unknown as typeof ErrorStatusEnum;
/** Every request status by name, success included: `StatusCode.Success === 0`. */
export const StatusCode = Object.freeze({ Success: 0, ...errorStatus.byName }) as unknown as { readonly Success: 0 } & typeof ErrorStatusEnum;
/** Card statuses by name: `CardStatus.Activated === 2`. */
export const CardStatus = Object.freeze(cardStatus.byName) as unknown as typeof CardStatusEnum;

export type ErrorStatusName = keyof typeof ErrorStatusEnum;
export type CardStatusName = keyof typeof CardStatusEnum;

/** The spec's name of a business error code (`-8` → `"IncorrectOtp"`); undefined if undocumented. */
export function errorStatusName(code: number): ErrorStatusName | undefined {
  return errorStatus.names.get(code) as ErrorStatusName | undefined;
}

/** The spec's description of a business error code (`-8` → `"Incorrect OTP"`). */
export function errorStatusDescription(code: number): string | undefined {
  return errorStatus.descriptions.get(code);
}

/** The spec's name of a card status (`2` → `"Activated"`). */
export function cardStatusName(code: number): CardStatusName | undefined {
  return cardStatus.names.get(code) as CardStatusName | undefined;
}
