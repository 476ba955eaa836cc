/**
 * Why a signature was refused, in words an integrator signing by hand can act on: what differs,
 * with both values (the JWS header's `uri` and the request path, its `method`, its `alg`, its
 * `auth_id`), and for a body that does not match, the byte length and SHA-256 of the body
 * received, the signing input's shape, and the likely causes — those this request shows (the
 * signature matches the body re-serialised, or the secret with whitespace around it) first.
 *
 * It runs only on the refusal path, after `verifySignature` said no, and re-reads the request
 * rather than changing what `verifySignature` returns: the check stays the one implementation.
 * It never says the expected signature, nor any secret, nor which merchants are configured.
 */
import { createHash, createHmac } from "node:crypto";
import { JWS_ALGORITHMS, JWS_HEADER, type JwsAlgorithm } from "./jws.js";
import { LEGACY_HEADERS } from "./legacy.js";
import { header, readJwsHeader, type ReceivedRequest, type SecretLookup } from "./verify-signature.js";

const show = (value: unknown): string => (value === undefined ? "missing" : (JSON.stringify(value) ?? String(value)));
const bytesOf = (body: string | Uint8Array): Buffer =>
  typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
const SIGNING_INPUT = 'base64url(header) + "." + base64url(body bytes)';
/** A secret as it often arrives from a file or an environment variable. */
const WHITESPACE_VARIANTS = [
  (s: string) => `${s}\n`,
  (s: string) => `${s}\r\n`,
  (s: string) => `${s} `,
  (s: string) => ` ${s}`,
  (s: string) => s.trim(),
];

/** `received 15 bytes of body, SHA-256 ab12…` (the whole hash: the sender compares it with its own). */
export function bodyFingerprint(body: string | Uint8Array): string {
  const bytes = bytesOf(body);
  return `received ${bytes.length} bytes of body, SHA-256 ${createHash("sha256").update(bytes).digest("hex")}`;
}

/** The body as compact JSON, when it is JSON and that differs from what came: a re-serialisation's other half. */
function compacted(body: Buffer): Buffer | undefined {
  try {
    const compact = Buffer.from(JSON.stringify(JSON.parse(body.toString("utf8"))), "utf8");
    return compact.equals(body) ? undefined : compact;
  } catch {
    return undefined;
  }
}

function uriCauses(sent: unknown, path: string): string[] {
  if (typeof sent !== "string") return ["the JWS header must carry the request path as uri"];
  const causes: string[] = [];
  if (/^[a-z]+:\/\//i.test(sent)) causes.push("a full URL in uri (send the path alone)");
  if (sent.includes("?")) causes.push("a query string in uri (send the path alone)");
  if (sent.length > 1 && sent.endsWith("/") && !path.endsWith("/")) causes.push("a trailing slash in uri");
  if (sent.toLowerCase() === path.toLowerCase() && sent !== path)
    causes.push("letter case (the path is compared exactly)");
  return causes.length > 0 ? causes : ["a signature made for another operation's path"];
}

function jwsBodyCauses(
  request: ReceivedRequest,
  encodedHeader: string,
  signature: string,
  alg: JwsAlgorithm,
  secret: string,
): string[] {
  const body = bytesOf(request.body);
  const hmac = (input: string, key: string, hash: string = JWS_ALGORITHMS[alg]) =>
    createHmac(hash, key).update(input).digest("base64url");
  const input = (payload: Buffer | string) =>
    `${encodedHeader}.${typeof payload === "string" ? payload : payload.toString("base64url")}`;
  const found: string[] = [];
  const compact = compacted(body);
  if (compact && hmac(input(compact), secret) === signature) {
    found.push("the signature matches this body re-serialised as compact JSON: sign the exact bytes you send");
  } else if (body.length > 0 && hmac(input(Buffer.alloc(0)), secret) === signature) {
    found.push("the signature matches an empty body: sign the body you send");
  } else if (hmac(input(body.toString("base64")), secret) === signature) {
    found.push("the signature was made over base64 with padding; the payload segment is base64url without padding");
  } else if (hmac(`${encodedHeader}.${body.toString("utf8")}`, secret) === signature) {
    found.push("the signature was made over the raw body; the payload segment is base64url(body bytes)");
  } else if (
    WHITESPACE_VARIANTS.some(
      (variant) => variant(secret) !== secret && hmac(input(body), variant(secret)) === signature,
    )
  ) {
    found.push(
      "the signature matches the secret with whitespace around it (a trailing newline from a file?): trim the secret",
    );
  } else {
    const other = (Object.keys(JWS_ALGORITHMS) as JwsAlgorithm[]).find((name) => name !== alg);
    if (other && hmac(input(body), secret, JWS_ALGORITHMS[other]) === signature) {
      found.push(`the signature was made with ${other} while the header says alg ${alg}`);
    }
  }
  if (found.length > 0) return found;
  const causes = [
    "a body re-serialised between signing and sending (sign the exact bytes you send)",
    "another merchant's secret, or a secret with whitespace around it",
  ];
  if (header(request.headers, LEGACY_HEADERS.sign) !== undefined) {
    causes.push(`a legacy Sign header came too: with both, ${JWS_HEADER} is the one checked`);
  }
  return causes;
}

function explainJws(value: string, request: ReceivedRequest, secretOf: SecretLookup): string {
  const parts = value.split(".");
  if (parts.length !== 3 || parts[1] !== "" || !parts[0] || !parts[2]) {
    return (
      `${JWS_HEADER} must be base64url(header) + ".." + base64url(signature) (a detached JWS, empty payload segment); ` +
      `received ${parts.length} segment(s)${parts.length === 3 && parts[1] !== "" ? " with a payload segment" : ""}`
    );
  }
  const jwt = readJwsHeader(value);
  if (!jwt)
    return 'the first segment must be base64url of a JSON object such as {"uri":…,"auth_id":…,"method":…,"alg":…}';
  const algs = Object.keys(JWS_ALGORITHMS);
  if (typeof jwt.alg !== "string" || !Object.hasOwn(JWS_ALGORITHMS, jwt.alg)) {
    return `the JWS header's alg is ${show(jwt.alg)}; this API takes ${algs.map((a) => `"${a}"`).join(" or ")}`;
  }
  if (jwt.uri !== request.uri) {
    return (
      `the JWS header's uri is ${show(jwt.uri)}, the request path is ${show(request.uri)}; ` +
      `likely cause: ${uriCauses(jwt.uri, request.uri).join("; ")}`
    );
  }
  const method = request.method.toUpperCase();
  if (jwt.method !== method) {
    const hint =
      typeof jwt.method === "string" && jwt.method.toUpperCase() === method
        ? " (the method is compared in upper case)"
        : "";
    return `the JWS header's method is ${show(jwt.method)}, the request's is "${method}"${hint}`;
  }
  if (typeof jwt.auth_id !== "string") {
    // The refusal's reason already says it must be a string; this shows what came.
    return jwt.auth_id === undefined
      ? "the JWS header has no auth_id"
      : `the JWS header's auth_id is ${show(jwt.auth_id)}`;
  }
  const secret = secretOf(jwt.auth_id);
  if (secret === undefined)
    return `the JWS header's auth_id is ${show(jwt.auth_id)}, which is not a merchant this server knows`;
  const alg = jwt.alg as JwsAlgorithm;
  const signature = parts[2]!;
  return (
    `${bodyFingerprint(request.body)}; the signature is checked as base64url(HMAC-${JWS_ALGORITHMS[alg].toUpperCase()}` +
    `(secret of auth_id ${show(jwt.auth_id)}, ${SIGNING_INPUT})), the header exactly as received; ` +
    `likely cause: ${jwsBodyCauses(request, parts[0]!, signature, alg, secret).join("; ")}`
  );
}

function explainLegacy(request: ReceivedRequest, secretOf: SecretLookup): string {
  const missing = Object.values(LEGACY_HEADERS).filter((name) => !header(request.headers, name));
  if (missing.length > 0) return `missing ${missing.join(", ")}; the legacy scheme sends all three`;
  const authId = header(request.headers, LEGACY_HEADERS.authId)!;
  const secret = secretOf(authId);
  if (secret === undefined) return `Auth-Id is ${show(authId)}, which is not a merchant this server knows`;
  const body = bytesOf(request.body);
  const sign = header(request.headers, LEGACY_HEADERS.sign)!.toLowerCase();
  const legacy = (bytes: Buffer, key: string) =>
    createHash("sha256")
      .update(Buffer.concat([bytes, Buffer.from(key)]))
      .digest("hex");
  const compact = compacted(body);
  let cause =
    "a body re-serialised between signing and sending (sign the exact bytes you send); another merchant's secret";
  if (compact && legacy(compact, secret) === sign)
    cause = "the Sign matches this body re-serialised as compact JSON: sign the exact bytes you send";
  else if (
    WHITESPACE_VARIANTS.some((variant) => variant(secret) !== secret && legacy(body, variant(secret)) === sign)
  ) {
    cause = "the Sign matches the secret with whitespace around it (a trailing newline from a file?): trim the secret";
  }
  return (
    `${bodyFingerprint(body)}; Sign is checked as hex SHA-256(body bytes followed by the secret of Auth-Id ${show(authId)}); ` +
    `likely cause: ${cause}`
  );
}

/**
 * What differs in a request `verifySignature` refused, with both values; one line, no secret.
 * @example
 * explainRefusal({ method: "POST", uri: "/v5/cards/card_status", headers, body }, secretOf);
 * // 'the JWS header\'s uri is "/v5/cards/card_status/", the request path is "/v5/cards/card_status"; likely cause: a trailing slash in uri'
 */
export function explainRefusal(request: ReceivedRequest, secretOf: SecretLookup): string {
  const jws = header(request.headers, JWS_HEADER);
  if (jws !== undefined) return explainJws(jws, request, secretOf);
  if (header(request.headers, LEGACY_HEADERS.sign) !== undefined) return explainLegacy(request, secretOf);
  return (
    `sign each request with ${JWS_HEADER}: base64url(header) + ".." + base64url(HMAC(secret, ${SIGNING_INPUT})), ` +
    'the header {"uri": <path>, "auth_id": <merchant id>, "method": "POST", "alg": "HS512"}'
  );
}
