import type { BundleEntry } from '@medplum/fhirtypes';
import type { Db } from '../db';

/**
 * The contract between the export and the features (docs/export-schema.json is the format): each
 * feature module exports its part of the aktindsigt export as an ExportSection, next to the code
 * that owns its tables (e.g. plan/export.ts), and export/service.ts puts the sections together in
 * a fixed order. A section reads its rows, says which other people they mention (their names are
 * looked up once for the whole export), and turns the rows into its top-level JSON keys; where the
 * part has a FHIR meaning it also gives its FHIR resources (export/fhir.ts makes the Bundle).
 */

/** What a section reads with: the citizen whose export this is, and the export's "now". */
interface ExportQuery {
	db: Db;
	citizenId: string;
	now: Date;
}

/** The display name of a person the export mentions; null when there is no such person. */
export type NameOf = (id: string | null | undefined) => string | null;

/** A section's rows, read: the people they mention, and how they become the section's JSON. */
interface LoadedSection<Part> {
	mentions: Array<string | null | undefined>;
	json(nameOf: NameOf): Part;
}

/** What the FHIR resources of a section point at: the Patient, and the export's "now". */
interface FhirContext {
	patientId: string;
	patientName: string;
	now: Date;
}

export interface ExportSection<Part extends object> {
	load(query: ExportQuery): Promise<LoadedSection<Part>>;
	/** Gets the whole export, typed as this section's part (the part is all it may use). */
	fhir?(part: Part, context: FhirContext): BundleEntry[];
}

/** Declares a section; the function only gives TypeScript the place to infer the part's type. */
export function exportSection<Part extends object>(section: ExportSection<Part>): ExportSection<Part> {
	return section;
}

/** An optional instant as the export writes it. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
