/**
 * freedompay-gift-cards, the toolkit (codegen, lint, mocks, contract tools): as a library it
 * re-exports the runtime client package, `freedompay-gift-cards-client`, whole, and adds what
 * only tooling needs.
 */
export * from "freedompay-gift-cards-client";
export { SPEC_PATH } from "./openapi/load.js";
