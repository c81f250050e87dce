-- Platform: the application role, tenants, identity, sessions, audit trail, durable jobs.
-- Tenant tables: ENABLE ROW LEVEL SECURITY with a policy for the application role `avrop_app`,
-- which every tenant-scoped transaction uses (SET LOCAL ROLE). The connecting owner role is used only
-- for system work (migrations, sign-in lookup, job claiming) and is not subject to the policies.

DO $$
BEGIN
  CREATE ROLE avrop_app NOLOGIN NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT avrop_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; -- already a member, or a superuser
END $$;

GRANT USAGE ON SCHEMA public TO avrop_app;

-- The application's tenant id: NULL when unset, so a session without a tenant sees nothing.
CREATE FUNCTION avrop_tenant() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.tenant_id', true), '') $$;

-- Makes a table a tenant table: row-level security with the tenant policy for the application role,
-- and the given privileges for it. Every business table calls this right after CREATE TABLE.
CREATE FUNCTION avrop_tenant_table(t regclass, privileges text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s TO avrop_app USING (tenant_id = avrop_tenant()) WITH CHECK (tenant_id = avrop_tenant())', t);
  EXECUTE format('GRANT %s ON %s TO avrop_app', privileges, t);
END $$;

CREATE TABLE tenants (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  org_number  text NOT NULL UNIQUE CHECK (org_number ~ '^\d{6}-\d{4}$'),
  peppol_id   text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants TO avrop_app USING (id = avrop_tenant());
GRANT SELECT ON tenants TO avrop_app;

CREATE TABLE users (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id),
  username         text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email            text,
  roles            text[] NOT NULL DEFAULT '{}',
  trained_buyer_at date,
  active           boolean NOT NULL DEFAULT true,
  password_hash    text NOT NULL,
  totp_secret      text,
  totp_enabled     boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, username),
  UNIQUE (tenant_id, id)
);
CREATE INDEX users_username ON users (username);
SELECT avrop_tenant_table('users', 'SELECT, INSERT, UPDATE');

-- Sessions are looked up before the tenant is known: a system table, not visible to avrop_app.
CREATE TABLE sessions (
  id            text PRIMARY KEY,          -- sha256 of the cookie token, hex
  tenant_id     text NOT NULL REFERENCES tenants(id),
  user_id       text NOT NULL REFERENCES users(id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  key              text PRIMARY KEY,       -- 'user:<tenant or *>:<username>' or 'ip:<address>'
  failures         integer NOT NULL,
  first_failure_at timestamptz NOT NULL,
  locked_until     timestamptz
);

-- Audit trail: append-only, hash-chained per tenant. The chain head is a row per tenant, locked by
-- each insert, so events get gap-free sequence numbers in commit order.
CREATE TABLE audit_heads (
  tenant_id  text PRIMARY KEY REFERENCES tenants(id),
  last_seq   bigint NOT NULL DEFAULT 0,
  last_hash  text NOT NULL DEFAULT repeat('0', 64)
);
SELECT avrop_tenant_table('audit_heads', 'SELECT, INSERT, UPDATE');

CREATE TABLE audit_events (
  tenant_id    text NOT NULL REFERENCES tenants(id),
  seq          bigint NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  actor_id     text,
  actor_name   text,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_events_entity ON audit_events (tenant_id, entity_type, entity_id);
CREATE INDEX audit_events_time ON audit_events (tenant_id, occurred_at);
SELECT avrop_tenant_table('audit_events', 'SELECT, INSERT');

-- The hash of one event: sha256 over its fields and the previous hash, in a fixed text form.
-- jsonb's text form is canonical (sorted keys), so the same event always hashes the same.
CREATE FUNCTION avrop_audit_hash(
  p_prev text, p_tenant text, p_seq bigint, p_at timestamptz, p_actor text, p_actor_name text,
  p_action text, p_entity_type text, p_entity_id text, p_before jsonb, p_after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    p_prev, p_tenant, p_seq::text,
    to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(p_actor, ''), coalesce(p_actor_name, ''), p_action, p_entity_type, coalesce(p_entity_id, ''),
    coalesce(p_before::text, 'null'), coalesce(p_after::text, 'null')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION avrop_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_heads%ROWTYPE;
BEGIN
  INSERT INTO audit_heads (tenant_id) VALUES (NEW.tenant_id) ON CONFLICT (tenant_id) DO NOTHING;
  SELECT * INTO head FROM audit_heads WHERE tenant_id = NEW.tenant_id FOR UPDATE;
  NEW.seq := head.last_seq + 1;
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := head.last_hash;
  NEW.hash := avrop_audit_hash(NEW.prev_hash, NEW.tenant_id, NEW.seq, NEW.occurred_at, NEW.actor_id, NEW.actor_name,
                               NEW.action, NEW.entity_type, NEW.entity_id, NEW.before, NEW.after);
  UPDATE audit_heads SET last_seq = NEW.seq, last_hash = NEW.hash WHERE tenant_id = NEW.tenant_id;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION avrop_audit_chain();

CREATE FUNCTION avrop_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION avrop_refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION avrop_refuse_change();

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED, retried with backoff, unique idempotency key.
CREATE TABLE jobs (
  id               text PRIMARY KEY,
  tenant_id        text REFERENCES tenants(id),
  kind             text NOT NULL,
  payload          jsonb NOT NULL DEFAULT '{}',
  idempotency_key  text NOT NULL UNIQUE,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL DEFAULT 8,
  run_at           timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('pending', 'running');
SELECT avrop_tenant_table('jobs', 'SELECT, INSERT');
