-- Supplier register (leverantörsregister): suppliers, their Peppol endpoints, their payment accounts
-- (typed explicitly, verified by a second person) and onboarding tasks raised by invoice intake.
CREATE TABLE suppliers (
  id                 text PRIMARY KEY,
  tenant_id          text NOT NULL REFERENCES tenants(id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  org_number         text CHECK (org_number ~ '^[0-9]{10}$'),
  vat_number         text CHECK (vat_number ~ '^[A-Z]{2}[A-Z0-9+*.]{2,13}$'),
  country            text NOT NULL DEFAULT 'SE' CHECK (country ~ '^[A-Z]{2}$'),
  f_skatt            boolean,
  f_skatt_checked_on date,
  postal_address     jsonb NOT NULL DEFAULT '{}'::jsonb,
  visiting_address   jsonb NOT NULL DEFAULT '{}'::jsonb,
  contacts           jsonb NOT NULL DEFAULT '[]'::jsonb,
  email              text,
  phone              text,
  note               text,
  blocked            boolean NOT NULL DEFAULT false,
  blocked_reason     text,
  blocked_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  CHECK (NOT blocked OR blocked_reason IS NOT NULL)
);
CREATE UNIQUE INDEX suppliers_org_number ON suppliers (tenant_id, org_number) WHERE org_number IS NOT NULL;
CREATE UNIQUE INDEX suppliers_vat_number ON suppliers (tenant_id, vat_number) WHERE vat_number IS NOT NULL;
CREATE INDEX suppliers_name ON suppliers (tenant_id, lower(name));
SELECT avrop_tenant_table('suppliers', 'SELECT, INSERT, UPDATE');

-- Peppol participant ids (`0007:5567321707`, `0088:7300009999995`). One endpoint id identifies one supplier.
CREATE TABLE supplier_endpoints (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  supplier_id  text NOT NULL REFERENCES suppliers(id),
  scheme       text NOT NULL CHECK (scheme ~ '^[0-9]{4}$'),
  identifier   text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX supplier_endpoints_id ON supplier_endpoints (tenant_id, scheme, lower(identifier));
CREATE INDEX supplier_endpoints_supplier ON supplier_endpoints (tenant_id, supplier_id);
SELECT avrop_tenant_table('supplier_endpoints', 'SELECT, INSERT, DELETE');

-- Payment accounts. The type is part of the identity: plusgiro 4711-2 and bankgiro 471-12… never meet.
-- `number` is the canonical form: bankgiro/plusgiro digits, bank account number (zero-filled, with
-- `clearing` beside it), compact IBAN. An active account belongs to one supplier. Accounts are never
-- edited: a change is a new account (unverified) and the old one ended.
CREATE TABLE supplier_accounts (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  supplier_id   text NOT NULL REFERENCES suppliers(id),
  type          text NOT NULL CHECK (type IN ('bankgiro', 'plusgiro', 'bank', 'iban')),
  clearing      text NOT NULL DEFAULT '' CHECK (clearing ~ '^([0-9]{4,5})?$'),
  number        text NOT NULL CHECK (number ~ '^[A-Z0-9]{2,34}$'),
  bic           text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  status        text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified')),
  added_by      text REFERENCES users(id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  verified_by   text REFERENCES users(id),
  verified_at   timestamptz,
  ended_by      text REFERENCES users(id),
  ended_at      timestamptz,
  CHECK ((type = 'bank') = (clearing <> '')),
  CHECK (type = 'iban' OR bic IS NULL),
  CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
  CHECK (verified_by IS NULL OR added_by IS NULL OR verified_by <> added_by)
);
CREATE UNIQUE INDEX supplier_accounts_active ON supplier_accounts (tenant_id, type, clearing, number) WHERE ended_at IS NULL;
CREATE INDEX supplier_accounts_supplier ON supplier_accounts (tenant_id, supplier_id);
SELECT avrop_tenant_table('supplier_accounts', 'SELECT, INSERT, UPDATE');

-- Onboarding tasks: invoice intake found no supplier and asks a person to add (or dismiss) it. At most one
-- open task per organisationsnummer, VAT number and endpoint id.
CREATE TABLE supplier_onboarding_tasks (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  org_number    text CHECK (org_number ~ '^[0-9]{10}$'),
  vat_number    text,
  endpoint_id   text,
  invoice_ids   text[] NOT NULL DEFAULT '{}',
  raw           jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by    text REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  resolved_by   text REFERENCES users(id),
  resolved_at   timestamptz,
  resolution    text,
  supplier_id   text REFERENCES suppliers(id),
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE UNIQUE INDEX supplier_onboarding_open_org ON supplier_onboarding_tasks (tenant_id, org_number) WHERE status = 'open' AND org_number IS NOT NULL;
CREATE UNIQUE INDEX supplier_onboarding_open_vat ON supplier_onboarding_tasks (tenant_id, vat_number) WHERE status = 'open' AND vat_number IS NOT NULL;
CREATE UNIQUE INDEX supplier_onboarding_open_endpoint ON supplier_onboarding_tasks (tenant_id, lower(endpoint_id)) WHERE status = 'open' AND endpoint_id IS NOT NULL;
CREATE INDEX supplier_onboarding_status ON supplier_onboarding_tasks (tenant_id, status, created_at);
SELECT avrop_tenant_table('supplier_onboarding_tasks', 'SELECT, INSERT, UPDATE');
