-- Organisation: the tree nämnd → förvaltning → enhet, and the coding dimensions with their values.
CREATE TABLE org_units (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  parent_id   text REFERENCES org_units(id),
  code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,20}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('namnd', 'forvaltning', 'enhet')),
  valid_from  date NOT NULL DEFAULT DATE '2000-01-01',
  valid_to    date,
  version     integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX org_units_parent ON org_units (tenant_id, parent_id);
SELECT avrop_tenant_table('org_units', 'SELECT, INSERT, UPDATE');

CREATE TABLE dimensions (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  code        text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  name        text NOT NULL,
  required    boolean NOT NULL DEFAULT false,
  sort_order  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, code)
);
SELECT avrop_tenant_table('dimensions', 'SELECT, INSERT, UPDATE');

CREATE TABLE dimension_values (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL,
  dimension   text NOT NULL,
  code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,30}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  valid_from  date NOT NULL,
  valid_to    date,
  unit_id     text REFERENCES org_units(id),
  version     integer NOT NULL DEFAULT 1,
  FOREIGN KEY (tenant_id, dimension) REFERENCES dimensions(tenant_id, code),
  UNIQUE (tenant_id, dimension, code),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
SELECT avrop_tenant_table('dimension_values', 'SELECT, INSERT, UPDATE');
