-- A TOTP code is accepted once: the time step of the last accepted code is remembered.
ALTER TABLE users ADD COLUMN totp_last_step bigint;
