-- Attest rights (user × ansvar × maximum amount × validity) and substitutes (ersättare).
CREATE TABLE attest_rights (
  id             text PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants(id),
  user_id        text NOT NULL REFERENCES users(id),
  ansvar         text NOT NULL,
  max_amount_ore bigint NOT NULL CHECK (max_amount_ore > 0),
  valid_from     date NOT NULL,
  valid_to       date,
  version        integer NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX attest_rights_user ON attest_rights (tenant_id, user_id, ansvar);
SELECT avrop_tenant_table('attest_rights', 'SELECT, INSERT, UPDATE');

CREATE TABLE substitutes (
  id                  text PRIMARY KEY,
  tenant_id           text NOT NULL REFERENCES tenants(id),
  user_id             text NOT NULL REFERENCES users(id),
  substitute_user_id  text NOT NULL REFERENCES users(id),
  valid_from          date NOT NULL,
  valid_to            date NOT NULL,
  CHECK (valid_to >= valid_from),
  CHECK (user_id <> substitute_user_id)
);
SELECT avrop_tenant_table('substitutes', 'SELECT, INSERT, DELETE');
