import { inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { people } from '../db/schema';
import type { Grant } from '../policy';
import { careTeamSection, personSection } from '../people/export';
import { loginSection } from '../auth/export';
import { planSection } from '../plan/export';
import { diarySection } from '../diary/export';
import { logbookSection } from '../logbook/export';
import { meetingsSection, rescheduleSection } from '../meetings/export';
import { crisisSection } from '../crisis/export';
import { consentDecisionsSection, consentsSection } from '../consent/export';
import { relativesSection } from '../relatives/export';
import { accessSection } from '../access/export';
import { supportSection } from '../support/export';
import { togetherSection } from '../together/export';
import { notificationsSection } from '../jobs/export';
import { mediaSection } from '../media/export';
import { routinesSection } from '../routines/export';
import { topicsSection } from '../topics/export';
import type { ExportSection, NameOf } from './section';

/**
 * Everything the app holds about a citizen, for aktindsigt: one JSON document in the documented
 * format (docs/export-schema.json, checked in a test). Not in it: rate-limit counters (keyed by
 * a one-way hash, not by person). Secrets are left out on purpose: session
 * and invitation hashes, calendar-feed and push keys. They are not information about the
 * citizen, and a copy of them would be a way in.
 *
 * Each feature gives its own part (export/section.ts); this file only puts them together.
 */

const EXPORT_FORMAT = 'mit-forloeb-export';
/** 2: with requests for another time, supporters, talk tasks, together sessions and phone notices; 3: with Min dag, topics and media. */
const EXPORT_VERSION = 3;

/**
 * The sections in the order of the document's keys (and of the FHIR Bundle's entries). A new
 * part of the export is a section in its feature's export.ts, listed here and in the schema.
 */
export const EXPORT_SECTIONS = [
	personSection,
	loginSection,
	careTeamSection,
	planSection,
	diarySection,
	logbookSection,
	meetingsSection,
	crisisSection,
	consentsSection,
	relativesSection,
	consentDecisionsSection,
	accessSection,
	rescheduleSection,
	supportSection,
	togetherSection,
	notificationsSection,
	topicsSection,
	routinesSection,
	mediaSection
] as const;

type PartOf<S> = S extends ExportSection<infer Part> ? Part : never;
type AllParts<T> = T extends readonly [infer Head, ...infer Rest] ? PartOf<Head> & AllParts<Rest> : unknown;

export type CitizenExport = {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	exportedAt: string;
} & AllParts<typeof EXPORT_SECTIONS>;

/** One look-up for the names of everyone the sections mention. */
async function namesOf(db: Db, ids: Array<string | null | undefined>): Promise<NameOf> {
	const mentioned = [...new Set(ids.filter((id): id is string => Boolean(id)))];
	const rows = mentioned.length
		? await db.select({ id: people.id, name: people.displayName }).from(people).where(inArray(people.id, mentioned))
		: [];
	const names = new Map(rows.map((r) => [r.id, r.name]));
	return (id) => (id ? (names.get(id) ?? null) : null);
}

export async function collectExport(db: Db, grant: Grant<'export', 'read'>, now = new Date()): Promise<CitizenExport> {
	const query = { db, citizenId: grant.citizenId, now };
	const loaded = await Promise.all(EXPORT_SECTIONS.map((section) => section.load(query)));
	const nameOf = await namesOf(
		db,
		loaded.flatMap((section) => section.mentions)
	);
	const data: Record<string, unknown> = {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: now.toISOString()
	};
	// In section order: the document's keys keep the order of the list above.
	for (const section of loaded) Object.assign(data, section.json(nameOf));
	return data as CitizenExport;
}
