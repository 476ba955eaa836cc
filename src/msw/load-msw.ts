/**
 * msw is the user's, an optional peer: the handlers must come from the very msw their
 * `setupServer` runs (a second copy's handlers would be foreign to it), and the toolkit's other
 * entries must load without it. So it is imported here, on demand, and its absence is one line.
 */
type Msw = typeof import("msw");

export const MSW_MISSING =
  "freedompay-gift-cards/msw needs the msw package, which is not installed: npm install --save-dev msw " +
  "(msw 2.10+ on Node 20, msw 3 on Node 22.12+)";

function isMissingMsw(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "ERR_MODULE_NOT_FOUND" && typeof message === "string" && /['"]msw['"]/.test(message);
}

export async function loadMsw(): Promise<Msw> {
  try {
    return await import("msw");
  } catch (error) {
    if (!isMissingMsw(error)) throw error;
    const missing = new Error(MSW_MISSING);
    missing.stack = `Error: ${MSW_MISSING}`; // one line, not a stack into our loader
    throw missing;
  }
}
