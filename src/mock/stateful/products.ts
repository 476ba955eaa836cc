/**
 * The products every merchant may issue: the spec's own `listProducts` success example (the
 * docs' two products), read from the spec so that a change there changes the simulator.
 */
import { specOperations } from "../../openapi/operations.js";
import type { components } from "../../../generated/gift-cards.js";

export type Product = components["schemas"]["Product"];

let products: readonly Product[] | undefined;

export function catalogue(): readonly Product[] {
  if (!products) {
    const example = specOperations().get("listProducts")?.examples.success as { product_list?: Product[] } | undefined;
    if (!example?.product_list?.length)
      throw new Error("spec: the listProducts success example lists no products for the simulator");
    products = Object.freeze(example.product_list.map((product) => Object.freeze({ ...product })));
  }
  return products;
}

export function productByCode(code: number): Product | undefined {
  return catalogue().find((product) => product.code === code);
}
