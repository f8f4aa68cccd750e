/**
 * Settings of the HTTP features around `/graphql` (CORS, HTTP caching, persisted queries), parsed from the
 * environment by src/config.ts (which documents each variable in its table).
 */

/** The validated settings. */
export interface WebConfig {
  /**
   * Origins allowed to call the API from a browser (CORS), exactly as browsers send them
   * (`https://app.example.com`, no path, no trailing slash); `"*"` allows any origin. Default: none.
   */
  corsOrigins: string[] | "*";
  /** `max-age` in seconds given to GET query answers without a cache hint of their own. Default 0 (no caching). */
  cacheMaxAgeSeconds: number;
  /** Redis URL of the shared persisted-query cache, or null for a per-process in-memory one. */
  redisUrl: string | null;
  /** Upper bound of the in-memory persisted-query cache, in bytes. Default 8 MiB. */
  apqMemoryBytes: number;
  /** How long a persisted query is kept, in seconds. Default 86 400 (one day). */
  apqTtlSeconds: number;
}

/** The defaults: no CORS, no caching, in-memory persisted queries. */
export const DEFAULT_WEB_CONFIG: WebConfig = {
  corsOrigins: [],
  cacheMaxAgeSeconds: 0,
  redisUrl: null,
  apqMemoryBytes: 8 * 1024 * 1024,
  apqTtlSeconds: 86_400,
};

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, but got: ${JSON.stringify(env[name])}`);
    return fallback;
  }
  return n;
}

/**
 * Reads `STORYGRAPH_CORS_ORIGINS`, `STORYGRAPH_CACHE_MAX_AGE`, `REDIS_URL`, `STORYGRAPH_APQ_CACHE_MB` and
 * `STORYGRAPH_APQ_TTL`, appending a message to `problems` for each invalid one.
 */
export function parseWebConfig(env: NodeJS.ProcessEnv, problems: string[]): WebConfig {
  const d = DEFAULT_WEB_CONFIG;
  let corsOrigins: string[] | "*" = [];
  const rawOrigins = env.STORYGRAPH_CORS_ORIGINS?.trim() ?? "";
  if (rawOrigins === "*") corsOrigins = "*";
  else if (rawOrigins) {
    corsOrigins = rawOrigins.split(",").map((o) => o.trim()).filter(Boolean);
    for (const origin of corsOrigins) {
      let ok = false;
      try {
        ok = new URL(origin).origin === origin;
      } catch {
        ok = false;
      }
      if (!ok) {
        problems.push(
          `STORYGRAPH_CORS_ORIGINS must be "*" or a comma-separated list of origins such as https://app.example.com (scheme, host, optional port; no path or trailing slash), but got: ${JSON.stringify(origin)}`,
        );
      }
    }
  }
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss://, but got: ${JSON.stringify(redisUrl)}`);
  }
  return {
    corsOrigins,
    cacheMaxAgeSeconds: integer(env, "STORYGRAPH_CACHE_MAX_AGE", 0, 31_536_000, d.cacheMaxAgeSeconds, problems),
    redisUrl,
    apqMemoryBytes: integer(env, "STORYGRAPH_APQ_CACHE_MB", 1, 4096, d.apqMemoryBytes / 1024 / 1024, problems) * 1024 * 1024,
    apqTtlSeconds: integer(env, "STORYGRAPH_APQ_TTL", 1, 31_536_000, d.apqTtlSeconds, problems),
  };
}
