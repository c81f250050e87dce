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
ALTER TABLE attest_rights ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attest_rights TO avrop_app USING (tenant_id = avrop_tenant()) WITH CHECK (tenant_id = avrop_tenant());
GRANT SELECT, INSERT, UPDATE ON attest_rights TO avrop_app;

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
ALTER TABLE substitutes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON substitutes TO avrop_app USING (tenant_id = avrop_tenant()) WITH CHECK (tenant_id = avrop_tenant());
GRANT SELECT, INSERT, DELETE ON substitutes TO avrop_app;
