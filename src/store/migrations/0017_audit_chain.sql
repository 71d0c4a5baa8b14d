-- Ward's own audit trail becomes a hash chain (issue 7; docs/audit.md). Each row gets its place
-- (seq: 1, 2, … in the order written), the hash of the row before it (prev_hash; 64 zeros for
-- the first) and its own hash: SHA-256 over the fields as store/audit_chain.h encodes them
-- (ward_audit_fields_hash is that function, given to this connection by SqliteStore::open).
-- Two new fields: action (FHIR AuditEvent.action, C/R/U/D/E) and client_address (the peer's IP).
-- The rows already there are chained in the order they were written (id).
ALTER TABLE api_audit ADD COLUMN action TEXT;
ALTER TABLE api_audit ADD COLUMN client_address TEXT;
ALTER TABLE api_audit ADD COLUMN seq INTEGER;
ALTER TABLE api_audit ADD COLUMN prev_hash TEXT;
ALTER TABLE api_audit ADD COLUMN hash TEXT;
WITH RECURSIVE chain(id, seq, prev_hash, hash) AS (
  SELECT 0, 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000'
  UNION ALL
  SELECT a.id, chain.seq + 1, chain.hash,
         ward_audit_fields_hash('ward-audit-1', chain.hash, a.time_ns, a.token_id, a.actor,
                                a.method, a.route, a.subject, a.status, a.action,
                                a.client_address)
  FROM chain JOIN api_audit a ON a.id = (SELECT min(id) FROM api_audit WHERE id > chain.id)
)
UPDATE api_audit SET seq = chain.seq, prev_hash = chain.prev_hash, hash = chain.hash
FROM chain WHERE api_audit.id = chain.id;
-- One row per place: two appends can never take the same seq (the chain cannot fork).
CREATE UNIQUE INDEX api_audit_by_seq ON api_audit (seq);
