-- Whether the Invoice Response (rejection) for a rejected invoice has been written to the outbox.
ALTER TABLE invoices ADD COLUMN response_status text CHECK (response_status IN ('pending', 'written', 'not_sent'));
UPDATE invoices SET response_status = 'pending' WHERE status = 'rejected';
