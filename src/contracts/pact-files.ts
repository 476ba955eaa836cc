/**
 * Reading the pact files of a directory: which files, and what each interaction is (its
 * description and provider states), so reports can name an interaction the way its author
 * wrote it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { stateProblem } from "../provider-states/catalogue.js";

/** The provider name the contracts are written for (and published under to a Pact Broker). */
export const PROVIDER_NAME = "freedompay-gift-cards";
/**
 * The one default pact folder, relative to the working directory: where `giftCardsPact` writes
 * (a consumer's convention) and where check, coverage and verify read. This repo keeps its own
 * contract in `contracts/` and passes that folder explicitly.
 */
export const DEFAULT_PACT_DIR = "pacts";

export interface ProviderState {
  name: string;
  params?: Record<string, unknown>;
}

/** A request value Pact's verifier takes from the state setup's answer (`fromProviderState`). */
export interface InjectedValue {
  /** Where, e.g. `request.body.card_id`. */
  where: string;
  /** The expression, e.g. `${card_id}`. */
  expression: string;
  /** The state values it reads, e.g. `["card_id"]`. */
  params: string[];
}

export interface PactInteraction {
  description: string;
  providerStates: ProviderState[];
  request: { method: string; path: string; body?: unknown };
  /** The request's provider-state generators (V3+), in the order the file lists them. */
  injected: InjectedValue[];
  response: { status: number; body?: unknown };
}

export interface PactFile {
  path: string;
  /** The file as parsed, for tools that read pact files themselves. */
  document: unknown;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
}

/** A directory that holds no pact file (or does not exist): the user's to fix. */
export class NoPactFiles extends Error {
  /** Set when the directory itself does not exist. */
  readonly missingDir?: string;
  constructor(message: string, missingDir?: string) {
    super(message);
    if (missingDir !== undefined) this.missingDir = missingDir;
  }
}

/** A pact this API can never verify (another provider's, or an unknown provider state): the user's to fix. */
export class UnverifiablePact extends Error {}

/** V2/V3 keep the body as is; V4 wraps it as `{ content, contentType, encoded }`. */
function bodyOf(part: { body?: unknown }): unknown {
  const body = part.body as { content?: unknown; contentType?: unknown } | undefined;
  return body !== null && typeof body === "object" && "contentType" in body ? body.content : body;
}

const GENERATOR_PARTS: Record<string, string> = { body: "body", path: "path", query: "query", header: "headers" };

/** The request's `ProviderState` generators: `{ body: { "$.card_id": { type, expression } } }`. */
function injectedValues(request: { generators?: unknown }): InjectedValue[] {
  const generators = request.generators;
  if (generators === null || typeof generators !== "object") return [];
  const found: InjectedValue[] = [];
  for (const [part, entries] of Object.entries(generators as Record<string, unknown>)) {
    // `path` holds one generator; the other parts one per location.
    const byLocation = (part === "path" ? { "": entries } : entries) as Record<
      string,
      { type?: unknown; expression?: unknown }
    > | null;
    for (const [location, generator] of Object.entries(byLocation ?? {})) {
      if (generator?.type !== "ProviderState" || typeof generator.expression !== "string") continue;
      const params = [...generator.expression.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!.trim());
      const where = `request.${GENERATOR_PARTS[part] ?? part}${location.replace(/^\$/, "")}`;
      found.push({ where, expression: generator.expression, params });
    }
  }
  return found;
}

function readPact(path: string): PactFile {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new NoPactFiles(`${path} is not a JSON pact file: ${(error as Error).message}`);
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);
  if (
    !isObject(raw) ||
    (raw.interactions !== undefined && !(Array.isArray(raw.interactions) && raw.interactions.every(isObject)))
  ) {
    throw new NoPactFiles(`${path} is not a pact file: a JSON object whose "interactions" is a list of objects`);
  }
  const interactions = (raw.interactions as Record<string, unknown>[] | undefined) ?? [];
  return {
    path,
    document: raw,
    consumer: (raw.consumer as { name?: string } | undefined)?.name ?? "",
    provider: (raw.provider as { name?: string } | undefined)?.name ?? "",
    interactions: interactions.map((i) => {
      const request = (i.request ?? {}) as { method: string; path: string; body?: unknown; generators?: unknown };
      const response = (i.response ?? {}) as { status: number; body?: unknown };
      // V2 has one `providerState` string; V3 and V4 a `providerStates` list.
      const states =
        (i.providerStates as ProviderState[] | undefined) ??
        (typeof i.providerState === "string" ? [{ name: i.providerState }] : []);
      return {
        description: String(i.description ?? ""),
        providerStates: states,
        request: { method: request.method, path: request.path, body: bodyOf(request) },
        injected: injectedValues(request),
        response: { status: response.status, body: bodyOf(response) },
      };
    }),
  };
}

/**
 * Every `*.json` pact file of a directory, sorted by name.
 * @example
 * readPactDir("contracts").map((p) => `${p.path}: ${p.interactions.length} interactions`);
 */
export function readPactDir(dir: string): PactFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new NoPactFiles(`the pact directory ${dir} does not exist`, dir);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new NoPactFiles(`no pact files (*.json) in ${dir}`);
  return files.map((name) => readPact(join(dir, name)));
}

/**
 * An interaction as its author named it, with its provider states and their params.
 * @example
 * describeInteraction({ description: "a confirm request with a wrong OTP", providerStates: [{ name: "a card {card_id} awaiting its OTP {otp}", params: { card_id: 555, otp: "1234" } }] });
 * // '"a confirm request with a wrong OTP" (given a card {card_id} awaiting its OTP {otp} {"card_id":555,"otp":"1234"})'
 */
export function describeInteraction(interaction: Pick<PactInteraction, "description" | "providerStates">): string {
  const states = interaction.providerStates.map((s) =>
    s.params && Object.keys(s.params).length > 0 ? `${s.name} ${JSON.stringify(s.params)}` : s.name,
  );
  return `"${interaction.description}"${states.length > 0 ? ` (given ${states.join(" and ")})` : ""}`;
}

/** Relative to the working directory when inside it, else as is. */
export function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/**
 * Refuses, naming the first problem in one line, pacts that could only pass without checking
 * anything, or never be verified against this API: one written for another provider, one with
 * no interaction, or (with `states`, for the simulator) an interaction in a provider state its
 * catalogue lacks or with params it does not take. Zero work done is a failure, never a pass.
 * @example
 * assertVerifiable(readPactDir("pacts")); // throws UnverifiablePact: 'pacts/a.json › "…": unknown provider state "…"; known states: …'
 */
export function assertVerifiable(
  pacts: PactFile[],
  { provider = PROVIDER_NAME, states = true }: { provider?: string; states?: boolean } = {},
): void {
  for (const pact of pacts) {
    const file = shortPath(pact.path);
    if (pact.provider !== provider) {
      throw new UnverifiablePact(
        `${file} is a pact for provider ${JSON.stringify(pact.provider)}, not ${JSON.stringify(provider)}`,
      );
    }
    if (pact.interactions.length === 0)
      throw new UnverifiablePact(`${file} has no interactions: there is nothing to verify`);
    if (!states) continue;
    for (const interaction of pact.interactions) {
      for (const state of interaction.providerStates) {
        const problem = stateProblem(state.name, state.params);
        if (problem) throw new UnverifiablePact(`${file} › "${interaction.description}": ${problem}`);
      }
    }
  }
}
