// The package names "lib/api-types.d.ts" as its types but does not ship that file: this is
// the part of its API that check.ts uses (dist/swagger-mock-validator-factory.js).
declare module "@pactflow/swagger-mock-validator" {
  export interface ValidationResult {
    code: string;
    message: string;
    type: "error" | "warning";
    source: string;
    mockDetails?: { interactionDescription?: string | null; location: string; mockFile: string; value?: unknown };
    specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; specFile: string; value?: unknown };
  }
  export interface ValidationOutcome {
    success: boolean;
    failureReason?: string;
    errors: ValidationResult[];
    warnings: ValidationResult[];
  }
  export interface UserOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    providerName?: string;
    /** The strings "true" / "false", as on its command line. */
    additionalPropertiesInResponse?: string;
    requiredPropertiesInResponse?: string;
  }
  export class SwaggerMockValidatorFactory {
    static create(auth?: string): { validate(options: UserOptions): Promise<ValidationOutcome> };
  }
}
