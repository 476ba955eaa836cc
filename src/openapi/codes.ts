/**
 * The status constants and names, for the toolkit's own code (the mocks): the client package's,
 * generated from the spec's enums, so the mock and the client name every code alike.
 */
export {
  ErrorStatus,
  StatusCode,
  CardStatus,
  errorStatusName,
  errorStatusDescription,
  cardStatusName,
  type ErrorStatusName,
  type CardStatusName,
} from "freedompay-gift-cards-client";
