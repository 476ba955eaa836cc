/**
 * A card's mask, `4405********NNNN`: a fixed BIN-like prefix and the card id's last four
 * digits, so the same card always shows the same mask and tests can predict it.
 */
export const MASK_PREFIX = "4405";

export function cardMask(cardId: number): string {
  return `${MASK_PREFIX}********${String(cardId % 10_000).padStart(4, "0")}`;
}
