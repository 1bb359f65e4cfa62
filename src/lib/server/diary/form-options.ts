import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { copingStrategies, goals, subgoals } from '../db/schema';
import { currentCourse } from '../plan/repository';

/** What the diary form offers to choose from: the citizen's coping strategies and open delmål. */
export async function diaryFormOptions(db: Db, citizenId: string) {
	const course = await currentCourse(db, citizenId);
	const [strategies, openSubgoals] = await Promise.all([
		db
			.select({ id: copingStrategies.id, title: copingStrategies.title })
			.from(copingStrategies)
			.where(eq(copingStrategies.citizenId, citizenId))
			.orderBy(asc(copingStrategies.createdAt)),
		course
			? db
					.select({ id: subgoals.id, title: subgoals.title, titleEasy: subgoals.titleEasy })
					.from(subgoals)
					.innerJoin(goals, eq(goals.id, subgoals.goalId))
					.where(
						and(
							eq(goals.courseId, course.course.id),
							inArray(subgoals.status, ['not_started', 'working_on_it', 'paused', 'done'])
						)
					)
					.orderBy(asc(goals.position), asc(subgoals.position))
			: Promise.resolve([])
	]);
	return { strategies, subgoals: openSubgoals };
}
