/**
 * The end of `npm test`: each project's wall time, then one closing line that counts every
 * failure. vitest's own summary counts failed *tests*, so a file that fails to load, a
 * `beforeAll` that throws (its tests are then skipped, not failed) or an unhandled error would
 * leave `0 failed` there; here each of those counts as one failure.
 */
import type { Reporter, SerializedError, TestModule, TestSuite } from "vitest/node";

interface Part {
  start: number;
  end: number;
  passed: number;
  failed: number;
}

/** Failures a suite or file reports itself (load errors, hooks), not through a test. */
function ownErrors(entity: TestModule | TestSuite): number {
  let count = entity.errors().length > 0 ? 1 : 0;
  for (const child of entity.children.suites()) count += ownErrors(child);
  return count;
}

export default class SummaryReporter implements Reporter {
  private readonly parts = new Map<string, Part>();

  private part(module: TestModule): Part {
    const name = module.project.name || "default";
    let part = this.parts.get(name);
    if (!part) this.parts.set(name, (part = { start: Date.now(), end: Date.now(), passed: 0, failed: 0 }));
    return part;
  }

  onTestModuleStart(module: TestModule): void {
    this.part(module);
  }

  onTestModuleEnd(module: TestModule): void {
    this.part(module).end = Date.now();
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: string,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      const part = this.part(module);
      let modulePassed = 0;
      let moduleFailed = ownErrors(module);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") modulePassed++;
        else if (state === "failed") moduleFailed++;
        else skipped++;
      }
      part.passed += modulePassed;
      part.failed += moduleFailed;
      passed += modulePassed;
      failed += moduleFailed;
    }
    failed += unhandledErrors.length + (reason === "interrupted" ? 1 : 0);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out("\nParts (wall time; the parts of a group run side by side):");
    for (const [name, part] of this.parts) {
      const seconds = ((part.end - part.start) / 1000).toFixed(1);
      out(`  ${name.padEnd(10)} ${seconds.padStart(6)} s  ${part.passed} passed, ${part.failed} failed`);
    }
    if (unhandledErrors.length > 0) out(`  unhandled errors: ${unhandledErrors.length}`);
    out(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (failed > 0) process.exitCode = 1;
  }
}
