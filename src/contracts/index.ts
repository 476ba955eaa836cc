/** Contracts: replaying pact files against a provider (`verify`) and checking them against the spec (`check`). */
export { verifyContracts, defaultStateSetupUrl, VerifierDidNotRun, DEFAULT_TIMEOUT_SECONDS, type VerifyOptions, type VerifyReport, type BrokerOptions } from "./verify.js";
export { formatFailure, parseResults, type InteractionFailure, type Mismatch, type VerificationResults } from "./verify-report.js";
export { checkContracts, formatFinding, CheckInputError, type CheckOptions, type CheckReport, type Finding } from "./check.js";
export { readPactDir, describeInteraction, assertVerifiable, NoPactFiles, UnverifiablePact, PROVIDER_NAME, DEFAULT_PACT_DIR, type PactFile, type PactInteraction } from "./pact-files.js";
export { reSignedHeaders } from "../provider/re-sign.js";
export { ProviderFault, sendToProvider, type FaultKind } from "../provider/client.js";
export { checkStateSetup, distinctStates, StateSetupFailed } from "./state-setup.js";
export { checkReachable } from "./reachable.js";
