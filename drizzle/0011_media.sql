CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"duration_ms" integer,
	"width" integer,
	"height" integer,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delete_after" timestamp with time zone,
	CONSTRAINT "media_subject_type_check" CHECK ("media"."subject_type" in ('topic', 'diary_entry', 'subgoal_note', 'routine_step')),
	CONSTRAINT "media_kind_check" CHECK ("media"."kind" in ('image', 'audio')),
	CONSTRAINT "media_byte_size_check" CHECK ("media"."byte_size" > 0 and "media"."byte_size" = octet_length("media"."bytes"))
);
--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_citizen_id_people_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_subject_idx" ON "media" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "media_citizen_idx" ON "media" USING btree ("citizen_id");--> statement-breakpoint
CREATE INDEX "media_delete_after_idx" ON "media" USING btree ("delete_after");