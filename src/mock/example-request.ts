/**
 * A ready-to-paste request for the mock's first merchant, as the banner of `fp-giftcards mock`
 * shows it: a `curl` that lists the products. It is signed only with the docs' public example
 * secret: a detached JWS carries no nonce or time, so a signature made with a real secret is a
 * credential for that request forever and never goes to a terminal or a log. With auth off no
 * signature is needed; with another secret there is no example (undefined).
 */
import { operationValidators } from "../openapi/validators.js";
import { signJws } from "freedompay-gift-cards-client";
import { DOCS_EXAMPLE_MERCHANT, type ShownMerchant } from "./options.js";

/**
 * @example
 * curlExample("http://127.0.0.1:4010", resolveMockOptions());
 * // "curl -s http://127.0.0.1:4010/v5/cards/product_list -H 'Content-Type: application/json' -H 'X-JWS-Signature: …' -d '{}'"
 */
export function curlExample(
  url: string,
  options: { merchants: readonly ShownMerchant[]; auth: boolean },
): string | undefined {
  const { authId, secret } = options.merchants[0]!;
  const path = operationValidators("listProducts").operation.path;
  const body = "{}";
  const headers = ["-H 'Content-Type: application/json'"];
  if (options.auth) {
    if (secret !== DOCS_EXAMPLE_MERCHANT.secret) return undefined;
    headers.push(`-H 'X-JWS-Signature: ${signJws({ method: "POST", uri: path, authId, body, secret })}'`);
  }
  return `curl -s ${url}${path} ${headers.join(" ")} -d '${body}'`;
}
