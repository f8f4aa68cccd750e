import pino from "pino";
import type { Database } from "../../src/db/data-source";
import { createServer } from "../../src/server/create-server";

/** Two servers on one database, for testing writes: one with an admin token, one with writes disabled. */
export interface WriteServers {
  /** GraphQL URL of the server that accepts `token`. */
  url: string;
  /** GraphQL URL of the server started without a token (writes answer FORBIDDEN). */
  disabledUrl: string;
  stop(): Promise<void>;
}

/** Starts both servers on free loopback ports. */
export async function startWriteServers(db: Database, token: string, adminName: string): Promise<WriteServers> {
  const logger = pino({ level: "silent" });
  const server = await createServer({ db, logger, auth: { adminToken: token, adminName } });
  const disabled = await createServer({ db, logger });
  return {
    url: `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`,
    disabledUrl: `http://127.0.0.1:${await disabled.listen(0, "127.0.0.1")}/graphql`,
    stop: async () => {
      await server.stop();
      await disabled.stop();
    },
  };
}

/** POSTs an operation, with `Authorization: Bearer <token>` unless `token` is null; returns the parsed body. */
export async function postGraphQL(endpoint: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return res.json();
}
