ALTER TABLE "meetings" ADD COLUMN "agreed_easy" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "hidden_from_relatives" boolean DEFAULT false NOT NULL;