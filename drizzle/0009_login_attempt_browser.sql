-- Attempts begun before this migration are bound to no browser: they cannot be finished, so they go.
DELETE FROM "login_attempts";--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "browser_hash" text NOT NULL;
