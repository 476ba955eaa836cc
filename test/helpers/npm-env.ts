/**
 * The environment for an npm run in another project: this process's, without what an enclosing
 * `npm test` sets about this repo (its prefix, package and lifecycle), keeping its cache.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_config_local_prefix|npm_package_|npm_lifecycle_|INIT_CWD$)/i.test(name),
    ),
  );
}
