import type { Logger, QueryRunner } from "typeorm";

/**
 * A TypeORM logger that counts (and optionally records) every SQL statement sent, so tests can assert how many
 * statements an operation costs. Transaction control statements (BEGIN, COMMIT…) are counted separately.
 */
export class StatementCounter implements Logger {
  /** Statements other than transaction control, in the order sent. */
  readonly statements: string[] = [];
  transactionStatements = 0;

  /** Number of data statements since construction or the last `reset()`. */
  get count(): number {
    return this.statements.length;
  }

  reset(): void {
    this.statements.length = 0;
    this.transactionStatements = 0;
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (/^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i.test(query)) {
      this.transactionStatements++;
    } else {
      this.statements.push(query.replace(/\s+/g, " ").trim());
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
