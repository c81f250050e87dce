-- The ledger: vouchers posted from approved invoices and payments (append-only, balanced, numbered per
-- series and year), the accounts-payable ledger (reskontra), closed periods, and export batches.

CREATE TABLE ledger_settings (
  tenant_id             text PRIMARY KEY REFERENCES tenants(id),
  accounting_date_rule  text NOT NULL DEFAULT 'invoice_date' CHECK (accounting_date_rule IN ('invoice_date', 'receipt_date', 'posting_date')),
  invoice_series        text NOT NULL DEFAULT 'LF' CHECK (invoice_series ~ '^[A-Z0-9]{1,10}$'),
  payment_series        text NOT NULL DEFAULT 'LB' CHECK (payment_series ~ '^[A-Z0-9]{1,10}$'),
  bank_account          text NOT NULL DEFAULT '1930',
  csv_layout            jsonb NOT NULL DEFAULT '{"separator": ";", "decimal": ",", "columns": ["series", "number", "date", "konto", "ansvar", "verksamhet", "projekt", "objekt", "debit", "credit", "text"]}',
  version               integer NOT NULL DEFAULT 1
);
SELECT avrop_tenant_table('ledger_settings', 'SELECT, INSERT, UPDATE');

CREATE TABLE ledger_periods (
  tenant_id  text NOT NULL REFERENCES tenants(id),
  period     text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_at  timestamptz NOT NULL DEFAULT now(),
  closed_by  text REFERENCES users(id),
  PRIMARY KEY (tenant_id, period)
);
SELECT avrop_tenant_table('ledger_periods', 'SELECT, INSERT, DELETE');

CREATE TABLE voucher_counters (
  tenant_id  text NOT NULL REFERENCES tenants(id),
  series     text NOT NULL,
  year       integer NOT NULL,
  next       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, series, year)
);
SELECT avrop_tenant_table('voucher_counters', 'SELECT, INSERT, UPDATE');

CREATE TABLE export_batches (
  id             text PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants(id),
  number         integer NOT NULL,
  format         text NOT NULL CHECK (format IN ('sie4i', 'csv')),
  filename       text NOT NULL,
  bytes          bytea NOT NULL,
  sha256         text NOT NULL,
  voucher_count  integer NOT NULL,
  created_by     text REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number)
);
SELECT avrop_tenant_table('export_batches', 'SELECT, INSERT');

CREATE TABLE vouchers (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id),
  series           text NOT NULL,
  year             integer NOT NULL,
  number           integer NOT NULL,
  accounting_date  date NOT NULL,
  text             text NOT NULL,
  source_type      text NOT NULL CHECK (source_type IN ('invoice', 'payment', 'reversal')),
  source_id        text NOT NULL,
  reverses_id      text REFERENCES vouchers(id),
  created_by       text REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  export_batch_id  text REFERENCES export_batches(id),
  UNIQUE (tenant_id, series, year, number),
  UNIQUE (tenant_id, source_type, source_id)
);
CREATE INDEX vouchers_unexported ON vouchers (tenant_id, series, year, number) WHERE export_batch_id IS NULL;
SELECT avrop_tenant_table('vouchers', 'SELECT, INSERT, UPDATE');

-- No foreign key to tenants here: the voucher's own key implies it, and row-level security checks it
-- (a per-row tenant lookup was a third of the cost of posting).
CREATE TABLE voucher_rows (
  tenant_id   text NOT NULL,
  voucher_id  text NOT NULL REFERENCES vouchers(id),
  position    integer NOT NULL,
  konto       text NOT NULL,
  ansvar      text,
  dimensions  jsonb NOT NULL DEFAULT '{}',
  amount_ore  bigint NOT NULL CHECK (amount_ore <> 0),
  text        text,
  PRIMARY KEY (voucher_id, position)
);
SELECT avrop_tenant_table('voucher_rows', 'SELECT, INSERT');

-- Append-only: a voucher never changes, except that it is exported once (export_batch_id set once);
-- rows never change (no UPDATE/DELETE grant). Corrections are reversals. The WHEN clause keeps the
-- check in C for the one allowed update (setting the batch), so exporting 100 000 vouchers stays cheap.
CREATE FUNCTION avrop_voucher_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'vouchers are append-only; a voucher is exported once' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER vouchers_append_only BEFORE UPDATE ON vouchers FOR EACH ROW
  WHEN (OLD.export_batch_id IS NOT NULL
        OR (NEW.id, NEW.tenant_id, NEW.series, NEW.year, NEW.number, NEW.accounting_date, NEW.text, NEW.source_type, NEW.source_id, NEW.reverses_id, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM (OLD.id, OLD.tenant_id, OLD.series, OLD.year, OLD.number, OLD.accounting_date, OLD.text, OLD.source_type, OLD.source_id, OLD.reverses_id, OLD.created_by, OLD.created_at))
  EXECUTE FUNCTION avrop_voucher_append_only();
CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers FOR EACH ROW EXECUTE FUNCTION avrop_voucher_append_only();

-- Balanced to the öre: every INSERT statement's rows must balance per voucher. Rows are never updated
-- or deleted, so a voucher is the sum of balanced sets and stays balanced. (Only the new rows are read:
-- checking the whole voucher costs a join per statement.)
CREATE FUNCTION avrop_voucher_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad record;
BEGIN
  SELECT voucher_id, sum(amount_ore) AS total INTO bad FROM new_rows GROUP BY voucher_id HAVING sum(amount_ore) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'voucher % does not balance (difference % öre)', bad.voucher_id, bad.total USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER voucher_rows_balanced AFTER INSERT ON voucher_rows REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION avrop_voucher_balanced();

-- The accounts-payable ledger (leverantörsreskontra): one open item per posted invoice.
CREATE TABLE ap_items (
  tenant_id           text NOT NULL REFERENCES tenants(id),
  invoice_id          text PRIMARY KEY REFERENCES invoices(id),
  supplier_id         text REFERENCES suppliers(id),
  voucher_id          text NOT NULL REFERENCES vouchers(id),
  amount_ore          bigint NOT NULL,
  accounting_date     date NOT NULL,
  due_date            date,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
  paid_on             date,
  payment_voucher_id  text REFERENCES vouchers(id),
  CHECK ((status = 'paid') = (paid_on IS NOT NULL))
);
CREATE INDEX ap_items_open ON ap_items (tenant_id, status, due_date);
CREATE INDEX ap_items_supplier ON ap_items (tenant_id, supplier_id, status);
SELECT avrop_tenant_table('ap_items', 'SELECT, INSERT, UPDATE');
