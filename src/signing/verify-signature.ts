/**
 * Checking a received signature, for the mock (and any test that plays the server). It reuses
 * the signing functions, so sender and checker cannot disagree about the bytes.
 */
import { timingSafeEqual } from "node:crypto";
import { JWS_ALGORITHMS, JWS_HEADER, jwsSignature, type JwsAlgorithm } from "./jws.js";
import { LEGACY_HEADERS, signLegacy } from "./legacy.js";

export interface ReceivedRequest {
  method: string;
  /** Path without host or query. */
  uri: string;
  /** Header names in lower case, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body bytes received. */
  body: string | Uint8Array;
}

export type Verification =
  | { ok: true; authId: string; scheme: "jws" | "sign"; requestId?: string }
  | { ok: false; reason: string };

/** Looks up a merchant's secret; undefined for an unknown merchant. */
export type SecretLookup = (authId: string) => string | undefined;

/** A header's first value; names are looked up in lower case, as node:http gives them. */
export function header(headers: ReceivedRequest["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type JwtHeader = { uri?: unknown; auth_id?: unknown; method?: unknown; alg?: unknown };

// A client sends the same header segment on every call to one path, so a server sees a handful
// of them: each is decoded once (frozen, as it is shared), not on every request.
const decoded = new Map<string, JwtHeader | undefined>();

function decodeJwtHeader(encoded: string): JwtHeader | undefined {
  if (decoded.has(encoded)) return decoded.get(encoded);
  let header: JwtHeader | undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    header = value !== null && typeof value === "object" ? Object.freeze(value as JwtHeader) : undefined;
  } catch {
    header = undefined;
  }
  if (encoded.length <= 1024) {
    if (decoded.size >= 256) decoded.clear();
    decoded.set(encoded, header);
  }
  return header;
}

/** The JWT header of an `X-JWS-Signature` value, decoded; undefined when it is not a JSON object. Key order and `typ` do not matter. */
export function readJwsHeader(value: string): JwtHeader | undefined {
  const dot = value.indexOf(".");
  return decodeJwtHeader(dot === -1 ? value : value.slice(0, dot));
}

function verifyJwsValue(value: string, request: ReceivedRequest, secretOf: SecretLookup): Verification {
  const parts = value.split(".");
  if (parts.length !== 3 || parts[1] !== "" || !parts[0] || !parts[2]) {
    return { ok: false, reason: "X-JWS-Signature is not a detached JWS (header..signature)" };
  }
  const [encodedHeader, , signature] = parts as [string, string, string];
  const jwt = decodeJwtHeader(encodedHeader);
  if (!jwt) return { ok: false, reason: "the JWS header is not a base64url JSON object" };
  // Own keys only: an `alg` of "toString" names no algorithm.
  if (typeof jwt.alg !== "string" || !Object.hasOwn(JWS_ALGORITHMS, jwt.alg))
    return { ok: false, reason: `the JWS alg must be ${Object.keys(JWS_ALGORITHMS).join(" or ")}` };
  if (jwt.uri !== request.uri) return { ok: false, reason: "the JWS uri does not match the request path" };
  if (jwt.method !== request.method.toUpperCase())
    return { ok: false, reason: "the JWS method does not match the request" };
  // doc-760202: the merchant id is a string in every revision's example ("123456", "56155").
  if (typeof jwt.auth_id !== "string")
    return { ok: false, reason: `the JWS auth_id must be a string, e.g. "123456" (got ${typeof jwt.auth_id})` };
  const authId = jwt.auth_id;
  const secret = secretOf(authId);
  if (secret === undefined) return { ok: false, reason: "unknown auth_id" };
  if (!same(signature, jwsSignature(encodedHeader, request.body, secret, jwt.alg as JwsAlgorithm))) {
    return { ok: false, reason: "the signature does not match the body" };
  }
  return { ok: true, authId, scheme: "jws" };
}

function verifyLegacy(request: ReceivedRequest, secretOf: SecretLookup): Verification {
  const sign = header(request.headers, LEGACY_HEADERS.sign);
  const authId = header(request.headers, LEGACY_HEADERS.authId);
  const requestId = header(request.headers, LEGACY_HEADERS.requestId);
  if (!sign || !authId || !requestId)
    return { ok: false, reason: "the legacy scheme needs Sign, Auth-Id and Request-Id" };
  const secret = secretOf(authId);
  if (secret === undefined) return { ok: false, reason: "unknown Auth-Id" };
  if (!same(sign.toLowerCase(), signLegacy(request.body, secret)))
    return { ok: false, reason: "the Sign does not match the body" };
  return { ok: true, authId, scheme: "sign", requestId };
}

/** Verifies a request signed with either scheme; JWS wins when both are present. */
export function verifySignature(request: ReceivedRequest, secretOf: SecretLookup): Verification {
  const jws = header(request.headers, JWS_HEADER);
  if (jws !== undefined) return verifyJwsValue(jws, request, secretOf);
  if (header(request.headers, LEGACY_HEADERS.sign) !== undefined) return verifyLegacy(request, secretOf);
  return { ok: false, reason: "no signature: send X-JWS-Signature (or the legacy Sign, Auth-Id and Request-Id)" };
}

/**
 * The merchant a request says it is from (legacy `Auth-Id`, else the JWS header's `auth_id`),
 * unverified: for a server that takes requests without checking signatures.
 */
export function claimedAuthId(headers: ReceivedRequest["headers"]): string | undefined {
  const legacy = header(headers, LEGACY_HEADERS.authId);
  if (legacy) return legacy;
  const jws = header(headers, JWS_HEADER);
  const claimed = jws === undefined ? undefined : readJwsHeader(jws)?.auth_id;
  return typeof claimed === "string" ? claimed : undefined;
}
