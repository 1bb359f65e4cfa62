ALTER TABLE "organisation_contacts" ADD COLUMN "text_key" text;--> statement-breakpoint
-- The lines the app knows, where a database seeded before this migration has them (same name and number).
UPDATE "organisation_contacts" SET "text_key" = 'emergency112' WHERE "name" = 'Alarm 112' AND "phone" = '112';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'livslinien' WHERE "name" = 'Livslinien' AND "phone" = '70 201 201';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'psykiatrifonden' WHERE "name" = 'Psykiatrifondens telefonrådgivning' AND "phone" = '39 25 25 25';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'psychiatricEmergency' WHERE "name" = 'Psykiatrisk akutmodtagelse, Ådal' AND "phone" = '12 40 50 60';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'hverdagsmodAdvice' WHERE "name" = 'Hverdagsmods rådgivning' AND "phone" = '12 30 40 10';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'cbrReception' WHERE "name" = 'CBR reception' AND "phone" = '12 60 70 00';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'psychiatryDutyPhone' WHERE "name" = 'Center for Psykiatri, vagttelefon' AND "phone" = '12 70 80 90';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'districtPsychiatry' WHERE "name" = 'Distriktspsykiatrien Ådal' AND "phone" = '12 40 22 00';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'socialCentre' WHERE "name" = 'Socialcentret, Ådal Kommune' AND "phone" = '12 40 11 00';--> statement-breakpoint
UPDATE "organisation_contacts" SET "text_key" = 'citizenService' WHERE "name" = 'Borgerservice, Ådal Kommune' AND "phone" = '12 40 00 00';
