// The one database interface the application uses, implemented by PGlite (embedded) and pg (server).
export type Row = Record<string, unknown>;
export type QueryResult<T extends Row = Row> = { rows: T[]; rowCount: number };

export type Queryable = {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements without parameters (DDL, SET LOCAL …). */
  exec(sql: string): Promise<void>;
};

export type Tx = Queryable;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = Queryable & {
  kind: DatabaseKind;
  /**
   * Runs `fn` in one transaction as the connecting (owner) role: system work only. `prelude` is SQL
   * sent together with BEGIN (saves a round trip on the server), e.g. `SET LOCAL …`.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { prelude?: string }): Promise<T>;
  close(): Promise<void>;
};
