import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../i18n/translator';
import { resourcesFor } from '../../i18n/resources';
import { meetingsCalendar } from './calendar';
import { expandSeries } from './series';
import type { MeetingRow } from './repository';

const t = createTranslate(resourcesFor('da'), 'da', 'standard');

function row(overrides: Partial<MeetingRow>): MeetingRow {
	const startsAt = overrides.startsAt ?? new Date('2027-10-19T08:00:00Z');
	return {
		id: crypto.randomUUID(),
		citizenId: crypto.randomUUID(),
		courseId: null,
		seriesId: null,
		planPeriodId: null,
		kind: 'gruppeforloeb',
		title: null,
		startsAt,
		endsAt: new Date(startsAt.getTime() + 90 * 60_000),
		location: 'Torvet 3, Ådal',
		videoUrl: null,
		phone: null,
		prepareTopics: 'Privat: min gæld',
		prepareBring: null,
		prepareQuestion: null,
		agreed: 'Privat aftale',
		agreedEasy: null,
		hiddenFromRelatives: false,
		status: 'planned',
		createdBy: crypto.randomUUID(),
		version: 1,
		createdAt: new Date('2027-10-01T08:00:00Z'),
		updatedAt: new Date('2027-10-01T08:00:00Z'),
		...overrides
	};
}

describe('the .ics file', () => {
	const seriesId = crypto.randomUUID();
	const series = expandSeries({
		date: '2027-10-19',
		startTime: '10:00',
		endTime: '11:30',
		weekdays: [],
		count: 8,
		until: null
	}).map((o) => row({ seriesId, startsAt: o.startsAt, endsAt: o.endsAt }));
	const video = row({
		kind: 'netvaerksmoede',
		title: 'Netværksmøde om din plan',
		location: null,
		videoUrl: 'https://video.kommune.dk/rum/x',
		startsAt: new Date('2027-11-03T12:00:00Z'),
		status: 'changed',
		version: 3
	});
	const cancelled = row({ kind: 'opfoelgning', status: 'cancelled', startsAt: new Date('2027-12-01T09:00:00Z') });
	const text = meetingsCalendar([...series, video, cancelled], {
		t,
		origin: 'https://minforloeb.example',
		name: 'Mit forløb',
		now: new Date('2027-10-01T08:00:00Z')
	});
	const parsed = ical.sync.parseICS(text);
	const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');

	it('parses back with one event per meeting, the series included', () => {
		expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
		expect(events).toHaveLength(10);
		const group = events.filter((e) => String(e.summary) === 'Gruppeforløb');
		expect(group.map((e) => e.start.toISOString())).toEqual(series.map((m) => m.startsAt.toISOString()));
	});

	it('keeps the Danish wall-clock time on both sides of the daylight-saving change', () => {
		const local = (d: Date) =>
			new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(d);
		const group = events.filter((e) => String(e.summary) === 'Gruppeforløb');
		expect(new Set(group.map((e) => local(e.start)))).toEqual(new Set(['10:00']));
		expect(new Set(group.map((e) => local(e.end!)))).toEqual(new Set(['11:30']));
	});

	it('names the place or the video, links back, and says nothing the citizen wrote', () => {
		const videoEvent = events.find((e) => e.uid === `${video.id}@minforloeb.example`)!;
		expect(String(videoEvent.summary)).toBe('Netværksmøde om din plan (Netværksmøde)');
		expect(String(videoEvent.location)).toBe('Video');
		expect(String(videoEvent.description)).toContain(`https://minforloeb.example/moeder/${video.id}`);
		expect(String(videoEvent.description)).not.toContain('video.kommune.dk');
		expect(Number(videoEvent.sequence)).toBe(3);
		expect(text).not.toContain('Privat');
		expect(String(events[0].location)).toBe('Torvet 3, Ådal');
	});

	it('marks a cancelled meeting as cancelled', () => {
		const event = events.find((e) => e.uid === `${cancelled.id}@minforloeb.example`)!;
		expect(event.status).toBe('CANCELLED');
		expect(String(event.summary)).toMatch(/^Aflyst: /);
	});
});
