/** Stateful mode's parts, loaded together on demand: the simulator, its engine and its control API. */
export { Simulator } from "./simulator.js";
export { createStatefulEngine } from "./stateful-engine.js";
export { controlApi } from "./control-api.js";
