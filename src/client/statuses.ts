/**
 * Status codes and card statuses with their names, from the spec's enums (`x-enum-varnames`,
 * `x-enum-descriptions`) as codegen wrote them into the runtime module, and typed by the enums
 * openapi-typescript generated from the same schemas: one fact, in the spec.
 */
import type { CardStatus as CardStatusEnum, ErrorStatus as ErrorStatusEnum } from "../../generated/gift-cards.js";
import { cardStatuses, errorStatuses } from "../../generated/gift-cards.runtime.js";

export type ErrorStatusName = keyof typeof ErrorStatusEnum;
export type CardStatusName = keyof typeof CardStatusEnum;

type Directory = readonly (readonly [code: number, name: string, description: string])[];
const byName = (entries: Directory) => Object.freeze(Object.fromEntries(entries.map(([code, name]) => [name, code])));
const names = (entries: Directory) => new Map(entries.map(([code, name]) => [code, name]));
const errorNames = names(errorStatuses);
const errorDescriptions = new Map(errorStatuses.map(([code, , description]) => [code, description]));
const cardNames = names(cardStatuses);

/**
 * Business error codes by name.
 * @example
 * if (res.error.kind === "business" && res.error.code === ErrorStatus.IncorrectOtp) askAgain(); // -8
 */
export const ErrorStatus = byName(errorStatuses) as unknown as typeof ErrorStatusEnum;

/**
 * Every request status by name, success included.
 * @example
 * StatusCode.Success; // 0
 * StatusCode.CardNotFound; // -7
 */
export const StatusCode = Object.freeze({ Success: 0, ...byName(errorStatuses) }) as unknown as {
  readonly Success: 0;
} & typeof ErrorStatusEnum;

/**
 * Card statuses by name.
 * @example
 * if (res.ok && res.data.card_status === CardStatus.Activated) ship(); // 2
 */
export const CardStatus = byName(cardStatuses) as unknown as typeof CardStatusEnum;

/**
 * The spec's name of a business error code; undefined if the spec does not document it.
 * @example
 * errorStatusName(-8); // "IncorrectOtp"
 */
export function errorStatusName(code: number): ErrorStatusName | undefined {
  return errorNames.get(code) as ErrorStatusName | undefined;
}

/**
 * The spec's description of a business error code.
 * @example
 * errorStatusDescription(-8); // "Incorrect OTP"
 */
export function errorStatusDescription(code: number): string | undefined {
  return errorDescriptions.get(code);
}

/**
 * The spec's name of a card status.
 * @example
 * cardStatusName(2); // "Activated"
 */
export function cardStatusName(code: number): CardStatusName | undefined {
  return cardNames.get(code) as CardStatusName | undefined;
}
