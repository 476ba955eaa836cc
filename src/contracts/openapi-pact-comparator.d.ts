// The package's types sit behind an `exports` order ("import" before "types") that TypeScript's
// NodeNext resolution does not reach; this declares the part check.ts uses, as in its
// dist/src/compare/index.d.ts and dist/src/results/index.d.ts.
declare module "@pactflow/openapi-pact-comparator" {
  export interface Result {
    code: string;
    message: string;
    mockDetails?: {
      interactionDescription?: string | null;
      interactionState?: string | null;
      location: string;
      value: unknown;
    };
    specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; value: unknown };
    type: "error" | "warning";
  }
  export class Comparator {
    constructor(oas: object);
    compare(pact: object): AsyncGenerator<Result>;
  }
}
