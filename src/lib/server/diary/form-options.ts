import { and, asc, eq, inArray, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { readTogether } from '../db/read-together';
import { copingStrategies, goals, subgoals } from '../db/schema';
import { currentCourseId } from '../plan/repository';

/** What the diary form offers to choose from: the citizen's coping strategies and open delmål. */
export async function diaryFormOptions(db: Db, citizenId: string) {
	const [strategies, openSubgoals] = await readTogether(db, diaryFormOptionReads(db, citizenId));
	return { strategies, subgoals: openSubgoals };
}

/**
 * diaryFormOptions' two reads, to go with others: the delmål of the current course, found by the
 * same choice as currentCourse (currentCourseId), so they need not wait for the course.
 */
export function diaryFormOptionReads(db: Db, citizenId: string | SQLWrapper) {
	return [
		db
			.select({ id: copingStrategies.id, title: copingStrategies.title })
			.from(copingStrategies)
			.where(eq(copingStrategies.citizenId, citizenId))
			.orderBy(asc(copingStrategies.createdAt)),
		db
			.select({ id: subgoals.id, title: subgoals.title, titleEasy: subgoals.titleEasy })
			.from(subgoals)
			.innerJoin(goals, eq(goals.id, subgoals.goalId))
			.where(
				and(
					eq(goals.courseId, currentCourseId(citizenId)),
					inArray(subgoals.status, ['not_started', 'working_on_it', 'paused', 'done'])
				)
			)
			.orderBy(asc(goals.position), asc(subgoals.position))
	] as const;
}
