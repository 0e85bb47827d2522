-- Recovery codes grow from 50 to 120 random bits (24 base32 characters), so that SHA-256 over
-- (user id, code) is a sufficient store: ASVS V6.5.2 asks for a password-storage hash with a
-- salt only below 112 bits. The 50-bit sets made before cannot be told apart by their hashes and
-- would stay open to an offline search by a database reader, so they are removed; the new code
-- refuses a 10-character code anyway. Accounts make a new set (POST /v1/me/mfa/recovery-codes);
-- their authenticator apps and passkeys are untouched. TRUNCATE, because row-level security is
-- forced on the table and has no policy for the owner.
TRUNCATE mfa_recovery_codes;
