CREATE TABLE "routine_snoozes" (
	"step_id" uuid NOT NULL,
	"day" date NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "routine_snoozes_step_id_day_pk" PRIMARY KEY("step_id","day")
);
--> statement-breakpoint
CREATE TABLE "routine_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"routine_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL,
	"icon" text NOT NULL,
	"time" text,
	"photo_media_id" uuid,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routine_ticks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"step_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"day" date NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"reminders" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routine_snoozes" ADD CONSTRAINT "routine_snoozes_step_id_routine_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."routine_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_steps" ADD CONSTRAINT "routine_steps_routine_id_routines_id_fk" FOREIGN KEY ("routine_id") REFERENCES "public"."routines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_ticks" ADD CONSTRAINT "routine_ticks_step_id_routine_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."routine_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_ticks" ADD CONSTRAINT "routine_ticks_citizen_id_people_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_ticks" ADD CONSTRAINT "routine_ticks_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_citizen_id_people_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routine_steps_routine_idx" ON "routine_steps" USING btree ("routine_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "routine_ticks_step_day_key" ON "routine_ticks" USING btree ("step_id","day");--> statement-breakpoint
CREATE INDEX "routine_ticks_citizen_day_idx" ON "routine_ticks" USING btree ("citizen_id","day");--> statement-breakpoint
CREATE INDEX "routines_citizen_idx" ON "routines" USING btree ("citizen_id","position");