// Runs an `avrop bench …` command against a throw-away PostgreSQL server with the default (durable)
// settings: fsync and synchronous commit on. Usage: node --import tsx scripts/bench-postgres.ts bench ingest --json
import { spawnSync } from 'node:child_process';
import { startThrowawayPostgres } from '../test/support/postgres-server.ts';

const pg = await startThrowawayPostgres({ durable: true });
const bin = new URL('../bin/avrop.js', import.meta.url).pathname;
const r = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: pg.url } });
await pg.stop();
process.exit(r.status ?? 1);
