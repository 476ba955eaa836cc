/**
 * Why this exists: Prism's schema generator `require`s @faker-js/faker (every locale, ~0.8 s
 * on these machines) at load time, only to hand json-schema-faker a callback that reads it
 * when a schema uses the `faker` keyword — and our spec uses none, so it is never read. Loading Prism alone
 * would then make `fp-giftcards mock` take almost two seconds to start. Before Prism loads,
 * this puts a stand-in in the require cache whose `default` is a proxy that loads the real
 * faker on first use, so the behaviour is unchanged and the cost is paid only if a schema ever
 * asks for faker.
 */
import { createRequire, Module } from "node:module";

let installed = false;

export function deferFakerLoading(): void {
  if (installed) return;
  installed = true;
  try {
    const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
    const fakerPath = prismRequire.resolve("@faker-js/faker");
    const cache = prismRequire.cache;
    if (cache[fakerPath]) return;
    const standIn = new Module(fakerPath);
    standIn.filename = fakerPath;
    standIn.loaded = true;
    let real: object | undefined;
    const faker = (): object => {
      if (!real) {
        delete cache[fakerPath];
        real = (prismRequire(fakerPath) as { default: object }).default;
      }
      return real;
    };
    standIn.exports = {
      default: new Proxy(
        {},
        {
          get: (_target, key) => Reflect.get(faker(), key),
          has: (_target, key) => Reflect.has(faker(), key),
        },
      ),
    };
    cache[fakerPath] = standIn;
  } catch {
    // Layout not as expected: Prism will simply load faker itself, slower but correct.
  }
}
