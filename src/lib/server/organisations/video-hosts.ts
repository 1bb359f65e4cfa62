import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { organisations } from '../db/schema';
import { organisationsAdministered, type OperationsGrant } from '../policy';
import { DomainError } from '../../errors';
import { MAX_VIDEO_HOSTS } from '../../meetings/video-hosts';

/**
 * The organisation's video allow-list: the hosts whose links the app shows as a "Join" button.
 * Changed only by the organisation's own administrators (the policy's operations grant and
 * `organisationsAdministered`); a change holds on the very next meeting page.
 */

/** The administrator's organisations with the hosts each trusts. */
export async function videoHostsOf(db: Db, grant: OperationsGrant<'video_hosts'>) {
	const ids = await organisationsAdministered(db, grant);
	if (ids.length === 0) return [];
	return db
		.select({ id: organisations.id, name: organisations.name, hosts: organisations.videoHostAllowlist })
		.from(organisations)
		.where(inArray(organisations.id, ids))
		.orderBy(asc(organisations.name));
}

async function administered(db: Db, grant: OperationsGrant<'video_hosts', 'write'>, organisationId: string) {
	const ids = await organisationsAdministered(db, grant);
	if (!ids.includes(organisationId)) throw new DomainError('not_found');
}

/** Adds a host (already parsed by `parseVideoHost`). Adding one that is there changes nothing. */
export async function addVideoHost(
	db: Db,
	grant: OperationsGrant<'video_hosts', 'write'>,
	organisationId: string,
	host: string
) {
	await administered(db, grant, organisationId);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ hosts: organisations.videoHostAllowlist })
			.from(organisations)
			.where(eq(organisations.id, organisationId))
			.for('update');
		if (!row) throw new DomainError('not_found');
		if (row.hosts.includes(host)) return { added: false as const, hosts: row.hosts };
		if (row.hosts.length >= MAX_VIDEO_HOSTS) throw new DomainError('conflict', 'Too many video hosts');
		const hosts = [...row.hosts, host].sort();
		await tx.update(organisations).set({ videoHostAllowlist: hosts }).where(eq(organisations.id, organisationId));
		return { added: true as const, hosts };
	});
}

/** Removes a host: its links are plain text with a warning from the next page on. */
export async function removeVideoHost(
	db: Db,
	grant: OperationsGrant<'video_hosts', 'write'>,
	organisationId: string,
	host: string
) {
	await administered(db, grant, organisationId);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ hosts: organisations.videoHostAllowlist })
			.from(organisations)
			.where(eq(organisations.id, organisationId))
			.for('update');
		if (!row) throw new DomainError('not_found');
		const hosts = row.hosts.filter((h) => h !== host);
		if (hosts.length !== row.hosts.length)
			await tx.update(organisations).set({ videoHostAllowlist: hosts }).where(eq(organisations.id, organisationId));
		return { removed: hosts.length !== row.hosts.length, hosts };
	});
}
