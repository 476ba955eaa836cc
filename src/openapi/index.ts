export { loadSpec, resolvePointer, deref, SPEC_PATH, PACKAGE_ROOT, type OpenApiDocument } from "./load.js";
export { specOperations, operationAtPath, type SpecOperation } from "./operations.js";
export {
  specValidators,
  operationValidators,
  type Violation,
  type OperationValidators,
  type AnswerBranch,
  type AnswerCheck,
  type AnswerViolation,
} from "./validators.js";
export {
  ErrorStatus,
  StatusCode,
  CardStatus,
  errorStatusName,
  errorStatusDescription,
  cardStatusName,
  type ErrorStatusName,
  type CardStatusName,
} from "./codes.js";
export { sensitiveFields } from "./sensitive.js";
