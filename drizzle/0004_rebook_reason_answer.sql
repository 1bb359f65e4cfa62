ALTER TABLE "reschedule_requests" ADD COLUMN "reason_choice" text;--> statement-breakpoint
ALTER TABLE "reschedule_requests" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "reschedule_requests" ADD COLUMN "closed_at" timestamp with time zone;