/**
 * The store of automatic persisted queries (APQ): a client sends a query's SHA-256 hash instead of its text, and
 * the text once when the server answers PERSISTED_QUERY_NOT_FOUND. Apollo Server implements the protocol; this
 * module chooses where the hash → query text pairs live:
 *
 * - by default a bounded in-memory LRU cache, per process (`apqMemoryBytes`, default 8 MiB of query text);
 * - with `REDIS_URL` set, Redis, shared by every instance behind the load balancer, so a query registered on one
 *   instance is found by the others. Keys are `storygraph:apq:<hash>`, expiring after `apqTtlSeconds`.
 *
 * Redis errors count as cache misses (Apollo's ErrorsAreMissesCache): the client then sends the full query,
 * so an unreachable Redis slows clients down but never fails a request.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import {
  ErrorsAreMissesCache,
  InMemoryLRUCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from "@apollo/utils.keyvaluecache";
import { Redis } from "ioredis";
import type { Logger } from "../../logger";

/** Where persisted queries are kept. */
export interface PersistedQueryOptions {
  /** Redis URL (`redis://host:6379/0`), or null for the in-memory cache. */
  redisUrl: string | null;
  /** Upper bound of the in-memory cache, in bytes of query text. */
  apqMemoryBytes: number;
  /** How long a registered query is kept, in seconds. */
  apqTtlSeconds: number;
}

/** A KeyValueCache on Redis (ioredis), every key under a prefix. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "storygraph:apq:",
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    if (typeof ttl === "number" && ttl > 0) await this.redis.set(this.prefix + key, value, "EX", Math.ceil(ttl));
    else await this.redis.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/** The APQ settings for Apollo Server, and a plugin closing the Redis connection when the server stops. */
export interface PersistedQueries {
  /** Pass as ApolloServer's `persistedQueries` option. */
  options: { cache: KeyValueCache<string>; ttl: number };
  /** Closes the Redis connection (if any) when Apollo stops. */
  plugin: ApolloServerPlugin<any>;
  /** `memory` or `redis`, for logs and tests. */
  kind: "memory" | "redis";
}

/** Builds the APQ cache. Connecting to Redis is lazy: it starts with the first request that needs it. */
export function createPersistedQueries(options: PersistedQueryOptions, logger: Logger): PersistedQueries {
  if (!options.redisUrl) {
    const cache = new InMemoryLRUCache<string>({
      maxSize: options.apqMemoryBytes,
      sizeCalculation: (query) => Buffer.byteLength(query, "utf8") || 1,
      ttl: options.apqTtlSeconds * 1000,
    });
    return { kind: "memory", options: { cache, ttl: options.apqTtlSeconds }, plugin: {} };
  }
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    // Fail a command fast instead of queueing it while Redis is away: the miss makes the client resend the query.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
  });
  redis.on("error", (err) => logger.warn({ err: err.message }, "persisted-query cache (Redis) error; treating as a miss"));
  const cache = new ErrorsAreMissesCache(new RedisKeyValueCache(redis), {
    debug: () => undefined,
    info: () => undefined,
    warn: (m: unknown) => logger.warn(String(m)),
    error: (m: unknown) => logger.warn(String(m)),
  });
  return {
    kind: "redis",
    options: { cache, ttl: options.apqTtlSeconds },
    plugin: {
      async serverWillStart() {
        return {
          async serverWillStop() {
            await redis.quit().catch(() => redis.disconnect());
          },
        };
      },
    },
  };
}
