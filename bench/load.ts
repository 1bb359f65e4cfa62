// The benchmark's data: the demo seed, then a realistic volume of generated citizens, written
// set-wise (INSERT … SELECT FROM generate_series) so that half a million rows take seconds, on
// PGlite and PostgreSQL alike. Plus three "heavy" citizens with 1×, 10× and 100× the history
// (diary, log, meetings, notes, plan changes, access log) for the growth test.
//
// Relative imports only: this runs under tsx, outside Vite.

import { sql } from 'drizzle-orm';
import { createSession } from '../src/lib/server/auth/session';
import type { Db } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/seed/index';
import { PROGRAMMES, type Programme, type ProgrammeVariant } from '../src/lib/domain';
import { addDays, expectedEnd, phasePlan } from '../src/lib/programmes';
import { copenhagenDate } from '../src/lib/meetings/time';
import { GROWTH_FACTORS } from './config';

/** History of one ordinary citizen; a heavy citizen has `factor` times as much. */
export const PER_CITIZEN = {
	goals: '3–5',
	subgoals: 10,
	diary: 50,
	/** Past meetings; every citizen also has UPCOMING_MEETINGS coming ones, whatever the history. */
	pastMeetings: 17,
	log: 20,
	accessLog: 100,
	notes: 20,
	planChanges: 10
};
const UPCOMING_MEETINGS = 3;
const START_OFFSETS = 30; // courses start 7 … 181 days ago, in 30 steps of 6 days
const HEAVY_OFFSET = 10;
const BENCH_ISSUER = 'http://bench.invalid';

export interface LoadResult {
	seconds: number;
	rows: number;
	rowsByTable: Record<string, number>;
	/** Session tokens of ordinary citizens, for the throughput runs. */
	tokens: string[];
	/** Session token of the heavy citizen at each history factor. */
	heavy: Record<number, string>;
	/** Sessions of mentors, each with the citizens assigned to them (their caseload). */
	staff: StaffSession[];
}

export interface StaffSession {
	token: string;
	citizenIds: string[];
}

const VARIANT: Record<Programme, ProgrammeVariant> = {
	mestringsforloeb: 'standard',
	jobrettet_rehabilitering: '9_months',
	mestringsvejledning: 'standard',
	ressourceforloeb: 'standard',
	paa_vej_til_arbejde: 'standard'
};
const ORG_KIND: Record<Programme, string> = {
	mestringsforloeb: 'disability_organisation',
	jobrettet_rehabilitering: 'cbr',
	mestringsvejledning: 'psychiatry_centre',
	ressourceforloeb: 'jobcentre',
	paa_vej_til_arbejde: 'municipality'
};

const GIVEN = [
	'Anna',
	'Mads',
	'Sofie',
	'Emil',
	'Ida',
	'Noah',
	'Freja',
	'Oliver',
	'Laura',
	'William',
	'Maja',
	'Lucas',
	'Clara',
	'Victor',
	'Emma',
	'Oscar',
	'Alma',
	'Malthe',
	'Ella',
	'Karl',
	'Nour',
	'Yusuf',
	'Leyla',
	'Omar',
	'Zainab'
];
const SURNAMES = [
	'Jensen',
	'Nielsen',
	'Hansen',
	'Pedersen',
	'Andersen',
	'Christensen',
	'Larsen',
	'Sørensen',
	'Rasmussen',
	'Jørgensen',
	'Petersen',
	'Madsen',
	'Kristensen',
	'Olsen',
	'Thomsen',
	'Poulsen',
	'Johansen',
	'Møller',
	'Mortensen',
	'Demir'
];
const GOALS = [
	'Jeg vil have mere overskud i hverdagen',
	'Jeg vil finde et arbejde, der passer til mig',
	'Jeg vil have en fast rytme med søvn og mad',
	'Jeg vil kunne tage bussen alene',
	'Jeg vil have flere gode dage end dårlige'
];
const SUBGOALS = [
	'Gå en tur tre gange om ugen',
	'Skrive i dagbogen hver aften',
	'Ringe til jobcentret selv',
	'Stå op kl. 8 på hverdage',
	'Tage bussen til praktikken',
	'Lave mad to gange om ugen',
	'Sige til, når det bliver for meget',
	'Øve mig i at bede om en pause',
	'Møde op til gruppeforløbet',
	'Skrive tre ting, jeg er god til'
];
const DIARY = [
	'I dag gik jeg en tur i parken. Det hjalp lidt på uroen.',
	'Svær dag. Jeg blev hjemme, men jeg ringede til min søster.',
	'Jeg sov godt og nåede både at handle og lave mad.',
	'Mødet i praktikken gik bedre, end jeg troede.',
	'Jeg var træt hele dagen og tog en pause efter frokost.',
	'Jeg brugte vejrtrækningsøvelsen i bussen. Den virkede.',
	'Det var dejligt at se de andre i gruppen igen.'
];
const LOG = [
	'Vi talte om, hvordan ugen er gået. Borgeren fortæller om flere gode dage.',
	'Opfølgning på praktikken: arbejdsgiveren er tilfreds, og borgeren vil gerne fortsætte.',
	'Borgeren har selv ringet til jobcentret. Godt gået.',
	'Vi aftalte at skrue ned for timerne i en periode.',
	'Netværksmødet er planlagt. Borgeren vil gerne have sin far med.'
];
const NOTES = [
	'Det gik fint i denne uge.',
	'Jeg glemte det to dage, men kom i gang igen.',
	'Husk at tale om det på næste møde.',
	'Godt arbejde, du er godt på vej.'
];
const MEETING_KINDS = ['individuel_samtale', 'gruppeforloeb', 'opfoelgning', 'netvaerksmoede', 'walk_and_talk'];
const ACCESS_RESOURCES = ['plan', 'diary_entry', 'meetings', 'log', 'crisis_plan'];

const lit = (value: string) => `'${value.replaceAll("'", "''")}'`;
const arr = (values: string[]) => `(array[${values.map(lit).join(',')}])`;
/** Picks from a list by an integer SQL expression. */
const pick = (values: string[], expr: string) => `${arr(values)}[1 + ((${expr}) % ${values.length})]`;

async function run(db: Db, text: string) {
	await db.execute(sql.raw(text));
}

async function countOf(db: Db, table: string): Promise<number> {
	const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown;
	const rows = Array.isArray(result) ? result : (result as { rows: Array<{ n: number }> }).rows;
	return Number((rows[0] as { n: number }).n);
}

async function rowsOf<T>(db: Db, text: string): Promise<T[]> {
	const result = (await db.execute(sql.raw(text))) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const TABLES = [
	'people',
	'person_roles',
	'login_identities',
	'person_settings',
	'courses',
	'course_phases',
	'care_assignments',
	'plan_periods',
	'goals',
	'subgoals',
	'subgoal_notes',
	'subgoal_suggestions',
	'coping_strategies',
	'plan_changes',
	'diary_entries',
	'diary_shares',
	'log_entries',
	'log_comments',
	'meetings',
	'meeting_participants',
	'access_log',
	'crisis_plans',
	'crisis_contacts',
	'relative_delegations',
	'sessions'
];

/**
 * Writes the demo seed and `citizens` generated citizens (plus the heavy ones) into an empty,
 * migrated database, then sessions for `sessions` of them. The database handle must use one
 * connection (temporary tables).
 */
export async function loadVolume(
	db: Db,
	opts: { citizens: number; sessions: number; staffSessions: number; caseload: number }
): Promise<LoadResult> {
	const started = performance.now();
	const N = opts.citizens;
	await seedDemo(db, { issuer: 'http://127.0.0.1:5174' });

	const today = copenhagenDate(new Date());
	const startOf = (off: number) => addDays(today, -(7 + off * 6));

	// Citizens: n, ids, programme, start offset, history factor.
	await run(
		db,
		`create temp table bc (n int primary key, id uuid not null, course_id uuid not null, period_id uuid not null,
			prog int not null, off int not null, mult int not null, goals int not null)`
	);
	await run(
		db,
		`insert into bc select n, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), n % 5, n % ${START_OFFSETS}, 1, 3 + n % 3
		 from generate_series(1, ${N}) n`
	);
	const heavyN = (factor: number) => N + 1 + GROWTH_FACTORS.indexOf(factor as (typeof GROWTH_FACTORS)[number]);
	for (const factor of GROWTH_FACTORS)
		await run(
			db,
			`insert into bc values (${heavyN(factor)}, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 0, ${HEAVY_OFFSET}, ${factor}, 4)`
		);

	// Programme templates: the course dates and phases for every programme × start offset.
	const courseRows: string[] = [];
	const phaseRows: string[] = [];
	PROGRAMMES.forEach((programme, prog) => {
		for (let off = 0; off < START_OFFSETS; off++) {
			const startsOn = startOf(off);
			const endsOn = expectedEnd(programme, VARIANT[programme], startsOn);
			courseRows.push(
				`(${prog}, ${off}, ${lit(programme)}, ${lit(VARIANT[programme])}, ${lit(ORG_KIND[programme])}, date ${lit(startsOn)}, ${endsOn ? `date ${lit(endsOn)}` : 'null::date'})`
			);
			for (const phase of phasePlan(programme, VARIANT[programme], startsOn))
				phaseRows.push(
					`(${prog}, ${off}, ${lit(phase.key)}, ${phase.position}, ${phase.startsOn ? `date ${lit(phase.startsOn)}` : 'null::date'}, ${phase.endsOn ? `date ${lit(phase.endsOn)}` : 'null::date'})`
				);
		}
	});
	await run(
		db,
		`create temp table tpl_course as select * from (values ${courseRows.join(',')}) v(prog, off, programme, variant, org_kind, starts_on, ends_on)`
	);
	await run(
		db,
		`create temp table tpl_phase as select * from (values ${phaseRows.join(',')}) v(prog, off, key, position, starts_on, ends_on)`
	);

	// Staff: caseworkers, mentors and contact persons, `caseload` citizens each (citizen n has the
	// three of number n % perRole), so a mentor's caseload page lists that many.
	const perRole = Math.max(3, Math.ceil(N / opts.caseload));
	await run(
		db,
		`create temp table bs as select k, r.role, gen_random_uuid() as id from generate_series(0, ${perRole - 1}) k
		 cross join (values ('caseworker'), ('mentor'), ('contact_person')) r(role)`
	);
	await run(
		db,
		`insert into people (id, display_name, given_name, phone, email, availability)
		 select id, ${pick(GIVEN, 'k * 7 + length(role)')} || ' ' || ${pick(SURNAMES, 'k * 3')}, ${pick(GIVEN, 'k * 7 + length(role)')},
			'1' || lpad((k * 10 + length(role))::text, 7, '0'), 'medarbejder' || k || '@kommune.invalid', 'Mandag–torsdag kl. 9–15'
		 from bs`
	);
	await run(
		db,
		`insert into person_roles (person_id, role, organisation_id)
		 select bs.id, bs.role, (select id from organisations order by name limit 1) from bs`
	);

	// The citizens themselves.
	await run(
		db,
		`insert into people (id, display_name, given_name, phone)
		 select id, ${pick(GIVEN, 'n')} || ' ' || ${pick(SURNAMES, 'n / 25')}, ${pick(GIVEN, 'n')}, '1' || lpad(n::text, 7, '0') from bc`
	);
	await run(db, `insert into person_roles (person_id, role) select id, 'citizen' from bc`);
	await run(
		db,
		`insert into login_identities (person_id, issuer, subject) select id, ${lit(BENCH_ISSUER)}, 'bench-citizen-' || n from bc`
	);
	await run(
		db,
		`insert into person_settings (person_id, language, reading_mode)
		 select id, case when n % 20 = 1 then 'en' when n % 20 = 2 then 'ar' else 'da' end,
			case when n % 10 = 3 then 'easy' else 'standard' end from bc`
	);

	// A course each, its phases, and its team.
	await run(
		db,
		`insert into courses (id, citizen_id, organisation_id, programme, variant, status, starts_on, ends_on, created_at)
		 select bc.course_id, bc.id,
			coalesce((select o.id from organisations o where o.kind = t.org_kind order by o.name limit 1), (select id from organisations order by name limit 1)),
			t.programme, t.variant, 'active', t.starts_on, t.ends_on, t.starts_on::timestamptz + interval '9 hours'
		 from bc join tpl_course t on t.prog = bc.prog and t.off = bc.off`
	);
	await run(
		db,
		`insert into course_phases (course_id, key, position, starts_on, ends_on)
		 select bc.course_id, p.key, p.position, p.starts_on, p.ends_on from bc join tpl_phase p on p.prog = bc.prog and p.off = bc.off`
	);
	await run(
		db,
		`create temp table team as select bc.id as citizen_id, bs.id as professional_id, bs.role from bc
		 join bs on bs.k = bc.n % ${perRole}`
	);
	await run(
		db,
		`insert into care_assignments (citizen_id, professional_id, course_id, role, starts_on)
		 select team.citizen_id, team.professional_id, bc.course_id, team.role, t.starts_on
		 from team join bc on bc.id = team.citizen_id join tpl_course t on t.prog = bc.prog and t.off = bc.off`
	);
	await run(db, `alter table bc add column mentor_id uuid, add column caseworker_id uuid`);
	await run(
		db,
		`update bc set mentor_id = m.id, caseworker_id = c.id from bs m, bs c
		 where m.k = bc.n % ${perRole} and m.role = 'mentor' and c.k = bc.n % ${perRole} and c.role = 'caseworker'`
	);
	const mentorOf = 'bc.mentor_id';
	const caseworkerOf = 'bc.caseworker_id';

	// Plan periods (an earlier one and the current one), goals, delmål, coping strategies, a suggestion.
	await run(
		db,
		`insert into plan_periods (id, course_id, starts_on, ends_on, status, status_easy)
		 select gen_random_uuid(), bc.course_id, t.starts_on, t.starts_on + 42, 'Vi har lært hinanden at kende og lavet planen.', 'Vi har lavet planen.'
		 from bc join tpl_course t on t.prog = bc.prog and t.off = bc.off
		 union all
		 select bc.period_id, bc.course_id, t.starts_on + 42, null, 'Du er godt i gang med dine delmål.', 'Det går godt.'
		 from bc join tpl_course t on t.prog = bc.prog and t.off = bc.off`
	);
	await run(
		db,
		`create temp table bg as select bc.id as citizen_id, bc.course_id, bc.period_id, g, gen_random_uuid() as id
		 from bc cross join lateral generate_series(0, bc.goals - 1) g`
	);
	await run(
		db,
		`insert into goals (id, course_id, plan_period_id, title, own_words, why_it_matters, status, position)
		 select id, course_id, period_id, ${pick(GOALS, 'g')}, 'Med mine egne ord: ' || lower(${pick(GOALS, 'g')}),
			'Så jeg kan klare mere selv.', 'active', g from bg`
	);
	await run(
		db,
		`create temp table bsg as select bc.id as citizen_id, bg.id as goal_id, k, gen_random_uuid() as id
		 from bc cross join generate_series(0, ${PER_CITIZEN.subgoals - 1}) k
		 join bg on bg.citizen_id = bc.id and bg.g = k % bc.goals`
	);
	await run(db, `create index on bsg (citizen_id, k)`);
	await run(
		db,
		`insert into subgoals (id, goal_id, title, title_easy, status, next_step, next_step_easy, due_on, in_focus, position)
		 select bsg.id, goal_id, ${pick(SUBGOALS, 'k')}, ${pick(SUBGOALS, 'k')},
			${pick(['working_on_it', 'not_started', 'done', 'working_on_it', 'paused'], 'k')},
			'Tal med din mentor om det næste skridt.', 'Tal med din mentor.', current_date + (k * 5), k = 1, k
		 from bsg`
	);
	await run(
		db,
		`insert into coping_strategies (citizen_id, goal_id, title, description, kind, anchored)
		 select bg.citizen_id, bg.id, ${pick(['Gå en tur', 'Vejrtrækning', 'Ringe til en ven'], 'g')}, 'Det hjælper, når uroen kommer.',
			case when g % 2 = 0 then 'new' else 'earlier' end, g = 0 from bg where g < 3`
	);
	await run(
		db,
		`insert into subgoal_suggestions (goal_id, suggested_by, title, status)
		 select bg.id, bg.citizen_id, 'Jeg vil gerne prøve at cykle til praktikken', 'pending' from bg where g = 0`
	);

	// History, scaled by the citizen's factor: notes on delmål, plan changes, diary, log, meetings, access log.
	await run(
		db,
		`insert into subgoal_notes (id, subgoal_id, author_id, text, created_at, updated_at)
		 select gen_random_uuid(), bsg.id, case when i % 2 = 0 then bc.id else ${mentorOf} end, ${pick(NOTES, 'i')},
			now() - i * interval '31 hours', now() - i * interval '31 hours'
		 from bc cross join lateral generate_series(1, ${PER_CITIZEN.notes} * bc.mult) i
		 join bsg on bsg.citizen_id = bc.id and bsg.k = i % ${PER_CITIZEN.subgoals}`
	);
	await run(
		db,
		`insert into plan_changes (citizen_id, entity, entity_id, changed_by, before, after, created_at, updated_at)
		 select bc.id, 'subgoal', bsg.id, ${mentorOf}, '{"status":"not_started"}'::jsonb, '{"status":"working_on_it"}'::jsonb,
			now() - i * interval '3 days', now() - i * interval '3 days'
		 from bc cross join lateral generate_series(1, ${PER_CITIZEN.planChanges} * bc.mult) i
		 join bsg on bsg.citizen_id = bc.id and bsg.k = i % ${PER_CITIZEN.subgoals}`
	);
	await run(
		db,
		`create temp table bd as select bc.id as citizen_id, i, gen_random_uuid() as id, 1 + (i * 7) % 5 as mood,
			${pick(DIARY, 'i + bc.n')} as text, now() - i * interval '19 hours' as at,
			(select bsg.id from bsg where bsg.citizen_id = bc.id and bsg.k = 1) as subgoal_id, ${mentorOf} as mentor_id
		 from bc cross join lateral generate_series(1, ${PER_CITIZEN.diary} * bc.mult) i`
	);
	await run(
		db,
		`insert into diary_entries (id, citizen_id, mood, text, subgoal_id, written_for, content_hash, created_at, updated_at)
		 select id, citizen_id, mood, text, case when i % 3 = 0 then subgoal_id end, at,
			encode(sha256(convert_to('{"mood":' || mood || ',"text":' || to_json(text)::text || '}', 'UTF8')), 'hex'), at, at
		 from bd`
	);
	await run(
		db,
		`insert into diary_shares (entry_id, shared_with, shared_at) select id, mentor_id, at + interval '5 minutes' from bd where i % 5 = 0`
	);
	await run(
		db,
		`create temp table bl as select bc.id as citizen_id, i, gen_random_uuid() as id, now() - i * interval '2 days' + interval '1 hour' as at,
			case when i % 2 = 0 then ${mentorOf} else ${caseworkerOf} end as author_id,
			(select bsg.id from bsg where bsg.citizen_id = bc.id and bsg.k = i % ${PER_CITIZEN.subgoals}) as subgoal_id
		 from bc cross join lateral generate_series(1, ${PER_CITIZEN.log} * bc.mult) i`
	);
	await run(
		db,
		`insert into log_entries (id, citizen_id, author_id, subgoal_id, text, read_by_citizen_at, created_at, updated_at)
		 select id, citizen_id, author_id, subgoal_id, ${pick(LOG, 'i')}, case when i > 2 then at + interval '20 hours' end, at, at from bl`
	);
	await run(
		db,
		`insert into log_comments (entry_id, author_id, text, disagrees, created_at, updated_at)
		 select id, citizen_id, 'Tak, det er rigtigt.', false, at + interval '1 day', at + interval '1 day' from bl where i % 10 = 0`
	);
	// Meetings: a fixed number coming (the page shows all of them), and the past ones scaled by the factor.
	await run(
		db,
		`create temp table bm as select bc.id as citizen_id, bc.course_id, bc.period_id, i, gen_random_uuid() as id,
			case when i <= ${UPCOMING_MEETINGS} then date_trunc('day', now()) + i * interval '4 days' + interval '9 hours'
				else date_trunc('day', now()) - (i - ${UPCOMING_MEETINGS}) * interval '3 days' + interval '10 hours' end as starts_at,
			${mentorOf} as mentor_id, ${caseworkerOf} as caseworker_id
		 from bc cross join lateral generate_series(1, ${UPCOMING_MEETINGS} + ${PER_CITIZEN.pastMeetings} * bc.mult) i`
	);
	await run(
		db,
		`insert into meetings (id, citizen_id, course_id, plan_period_id, kind, title, starts_at, ends_at, location, video_url,
			prepare_topics, prepare_bring, agreed, status, created_by, created_at, updated_at)
		 select id, citizen_id, course_id, period_id, ${pick(MEETING_KINDS, 'i')}, null, starts_at, starts_at + interval '1 hour',
			case when i % 4 = 2 then null else 'Jobcentret, Torvegade 4, mødelokale 2' end,
			case when i % 4 = 2 then 'https://video.kommune.dk/rum/' || substr(md5(id::text), 1, 10) end,
			'Hvordan er ugen gået?', 'Din kalender', case when i > ${UPCOMING_MEETINGS} then 'Vi fortsætter med de samme delmål.' end,
			case when i <= ${UPCOMING_MEETINGS} then 'planned' else 'held' end, caseworker_id, starts_at - interval '14 days', starts_at - interval '14 days'
		 from bm`
	);
	await run(
		db,
		`insert into meeting_participants (meeting_id, person_id, response, responded_at)
		 select id, citizen_id, case when i <= ${UPCOMING_MEETINGS} then 'none' else 'coming' end,
			case when i > ${UPCOMING_MEETINGS} then starts_at - interval '2 days' end from bm
		 union all select id, mentor_id, 'coming', starts_at - interval '3 days' from bm
		 union all select id, caseworker_id, 'coming', starts_at - interval '3 days' from bm where i % 5 = 0`
	);
	await run(
		db,
		`insert into access_log (citizen_id, actor_id, actor_role, action, resource, at)
		 select bc.id, case when i % 3 = 0 then ${caseworkerOf} else ${mentorOf} end, case when i % 3 = 0 then 'caseworker' else 'mentor' end,
			'read', ${pick(ACCESS_RESOURCES, 'i')}, now() - i * interval '7 hours'
		 from bc cross join lateral generate_series(1, ${PER_CITIZEN.accessLog} * bc.mult) i`
	);

	// Crisis plan and two of the citizen's own people to call.
	await run(
		db,
		`insert into crisis_plans (citizen_id, warning_signs, what_helps)
		 select id, 'Jeg sover dårligt og trækker mig fra andre.', 'At gå en tur, tale med min søster, og at ringe til min kontaktperson.' from bc`
	);
	await run(
		db,
		`insert into crisis_contacts (citizen_id, name, phone, note, position)
		 select id, ${pick(GIVEN, 'n + p')}, '1' || lpad((n * 2 + p)::text, 7, '0'), case when p = 0 then 'Min søster' end, p
		 from bc cross join generate_series(0, 1) p`
	);

	// A quarter of the citizens let a relative see their plan and meetings.
	await run(
		db,
		`create temp table br as select bc.id as citizen_id, gen_random_uuid() as id, n from bc where n % 4 = 0 and mult = 1`
	);
	await run(
		db,
		`insert into people (id, display_name, given_name) select id, ${pick(GIVEN, 'n + 11')} || ' ' || ${pick(SURNAMES, 'n / 25')}, ${pick(GIVEN, 'n + 11')} from br`
	);
	await run(db, `insert into person_roles (person_id, role) select id, 'relative' from br`);
	await run(
		db,
		`insert into relative_delegations (citizen_id, relative_id, label, scopes, status, accepted_at, confirmed_at, expires_at)
		 select citizen_id, id, 'Min far', '{plan,meetings}', 'active', now() - interval '60 days', now() - interval '60 days', now() + interval '300 days' from br`
	);

	// Sessions: ordinary citizens spread over the generated ones, and each heavy citizen.
	const sample = Math.min(opts.sessions, N);
	const chosen = await rowsOf<{ id: string }>(
		db,
		`select id from bc where mult = 1 and n <= ${N} and n % ${Math.max(1, Math.floor(N / sample))} = 0 order by n limit ${sample}`
	);
	const tokens: string[] = [];
	for (const { id } of chosen)
		tokens.push((await createSession(db, { personId: id, loa: 'substantial', deviceLabel: 'bench' })).token);
	const heavy: Record<number, string> = {};
	for (const factor of GROWTH_FACTORS) {
		const [{ id }] = await rowsOf<{ id: string }>(db, `select id from bc where n = ${heavyN(factor)}`);
		heavy[factor] = (await createSession(db, { personId: id, loa: 'substantial', deviceLabel: 'bench' })).token;
	}

	// Mentors with their caseload, for the staff pages: ones without a heavy citizen (the growth
	// test's), so every request reads an ordinary history.
	const mentors = await rowsOf<{ id: string; k: number }>(
		db,
		`select id, k from bs where role = 'mentor' and not exists (
			select 1 from team join bc on bc.id = team.citizen_id where team.professional_id = bs.id and bc.mult > 1)
		 order by k limit ${Math.max(0, Math.floor(opts.staffSessions))}`
	);
	const staff: StaffSession[] = [];
	for (const mentor of mentors) {
		const citizens = await rowsOf<{ id: string }>(
			db,
			`select citizen_id as id from team where professional_id = ${lit(mentor.id)} order by citizen_id`
		);
		const { token } = await createSession(db, { personId: mentor.id, loa: 'substantial', deviceLabel: 'bench' });
		staff.push({ token, citizenIds: citizens.map((c) => c.id) });
	}

	for (const table of ['bc', 'bs', 'bg', 'bsg', 'bd', 'bl', 'bm', 'br', 'team', 'tpl_course', 'tpl_phase'])
		await run(db, `drop table ${table}`);
	await run(db, 'analyze');

	const rowsByTable: Record<string, number> = {};
	for (const table of TABLES) rowsByTable[table] = await countOf(db, table);
	const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
	return { seconds: (performance.now() - started) / 1000, rows, rowsByTable, tokens, heavy, staff };
}

/** The demo seed only, with a session for Sara (the budget check). */
export async function loadDemo(db: Db): Promise<{ token: string }> {
	await seedDemo(db, { issuer: 'http://127.0.0.1:5174' });
	const [{ id }] = await rowsOf<{ id: string }>(
		db,
		`select person_id as id from login_identities where subject = 'demo-sara' limit 1`
	);
	return { token: (await createSession(db, { personId: id, loa: 'substantial', deviceLabel: 'budget' })).token };
}
