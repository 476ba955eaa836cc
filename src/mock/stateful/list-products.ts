/** List (`listProducts`): the catalogue, the same for every merchant. freedompay.money/docs-en/cards-api/gift */
import type { Answer } from "../../http/answer.js";
import { catalogue } from "./products.js";
import type { Simulator } from "./simulator.js";

export function listProducts(sim: Simulator): Answer {
  return sim.success({ product_list: catalogue() });
}
