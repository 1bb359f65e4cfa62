import { exportSection } from '../export/section';
import { exportRows } from './repository';

/** "Min dag": the routines and their steps (removed ones too, marked so) and every step done. */
export const routinesSection = exportSection({
	async load({ db, citizenId }) {
		const rows = await exportRows(db, citizenId);
		return {
			mentions: [...rows.routines.map((r) => r.createdBy), ...rows.ticks.map((t) => t.doneBy)],
			json: (nameOf) => ({
				routines: rows.routines.map((r) => ({
					id: r.id,
					name: r.name,
					reminders: r.reminders,
					createdAt: r.createdAt.toISOString(),
					createdBy: nameOf(r.createdBy),
					removedAt: r.deletedAt?.toISOString() ?? null,
					steps: rows.steps
						.filter((s) => s.routineId === r.id)
						.sort((a, b) => a.position - b.position)
						.map((s) => ({
							id: s.id,
							text: s.text,
							icon: s.icon,
							time: s.time,
							removedAt: s.deletedAt?.toISOString() ?? null
						}))
				})),
				routineTicks: rows.ticks.map((t) => ({
					stepId: t.stepId,
					day: t.day,
					doneAt: t.doneAt.toISOString(),
					doneBy: nameOf(t.doneBy)
				}))
			})
		};
	}
});
