/** `npm run db:migrate`: applies pending migrations to the configured database and prints their names. */
import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../db/data-source";
import { runMigrations, withStartupLock } from "../db/migrate";

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: "migrate" });
  try {
    const applied = await withStartupLock(db, () => runMigrations(db.dataSource));
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema is up to date");
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
