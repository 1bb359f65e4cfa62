-- "Who has seen my data" and the history of consent decisions are append-only.
-- UPDATE is always refused; DELETE is refused for rows younger than the retention period
-- (2 years: the access log is kept at least that long). Retention clean-up deletes only older rows.
-- TRUNCATE, which skips row triggers, is refused outright. Plain PL/pgSQL: runs on PGlite and PostgreSQL.
CREATE OR REPLACE FUNCTION mf_refuse_log_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		RAISE EXCEPTION '% is append-only: rows cannot be changed', TG_TABLE_NAME
			USING ERRCODE = 'restrict_violation';
	END IF;
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION '% is append-only: it cannot be truncated', TG_TABLE_NAME
			USING ERRCODE = 'restrict_violation';
	END IF;
	IF OLD.at > now() - interval '2 years' THEN
		RAISE EXCEPTION '% rows are kept for 2 years: this row cannot be deleted yet', TG_TABLE_NAME
			USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
	FOR EACH ROW EXECUTE FUNCTION mf_refuse_log_rewrite();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
	FOR EACH STATEMENT EXECUTE FUNCTION mf_refuse_log_rewrite();
--> statement-breakpoint
CREATE TRIGGER consent_decisions_append_only BEFORE UPDATE OR DELETE ON consent_decisions
	FOR EACH ROW EXECUTE FUNCTION mf_refuse_log_rewrite();
--> statement-breakpoint
CREATE TRIGGER consent_decisions_no_truncate BEFORE TRUNCATE ON consent_decisions
	FOR EACH STATEMENT EXECUTE FUNCTION mf_refuse_log_rewrite();
