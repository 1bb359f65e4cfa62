import type { Db } from '../db';
import type { Grant } from '../policy';
import {
	moveStepSchema,
	renameRoutineSchema,
	routineIdSchema,
	routineSchema,
	stepIdSchema,
	editStepSchema,
	stepSchema
} from '../../routines/schemas';
import { formDataOf } from '../forms/form-action';
import { photosFrom } from '../media/upload';
import { STEP_PHOTO_FIELD } from '../../routines/schemas';
import { addRoutine, addStep, editStep, moveStep, removeRoutine, removeStep, renameRoutine } from './service';

/**
 * The forms that make and change routines, the same on the citizen's page (/min-dag/rediger), the
 * professional's (/staff/citizens/[id]/min-dag) and in "Se det sammen". Each route guards first and
 * hands its write grant here; formAction runs the spec. `through` lets together mode wrap the
 * change (its session checked, the step logged, the other screen told). A hidden id that does not
 * parse, or names another citizen's routine or step, is the plain 404 page: nothing is stored.
 */

type Change = <T>(run: (db: Db, grant: Grant<'routines', 'write'>) => Promise<T>) => Promise<T>;

/**
 * The step form's photo, checked from its bytes before anything is written (a ZIP named .jpg, a
 * second photo: a message beside the field, nothing stored). None when no file was chosen.
 */
async function stepPhoto(request: Request) {
	const [photo] = await photosFrom(await formDataOf(request), STEP_PHOTO_FIELD, 1);
	return photo;
}

export function routineFormSpecs(change: Change, request: Request) {
	return {
		addRoutine: {
			action: 'addRoutine' as const,
			schema: routineSchema,
			run: (data: { name: string; reminders: boolean }) => change((db, grant) => addRoutine(db, grant, data))
		},
		renameRoutine: {
			action: 'renameRoutine' as const,
			schema: renameRoutineSchema,
			target: 'routineId',
			run: (data: { routineId: string; name: string; reminders: boolean }) =>
				change((db, grant) => renameRoutine(db, grant, data.routineId, data))
		},
		removeRoutine: {
			action: 'removeRoutine' as const,
			schema: routineIdSchema,
			badInput: 'notFound' as const,
			run: (data: { routineId: string }) => change((db, grant) => removeRoutine(db, grant, data.routineId))
		},
		addStep: {
			action: 'addStep' as const,
			schema: stepSchema,
			target: 'routineId',
			run: async (data: { routineId: string; text: string; icon: string; time: string | null }) => {
				const photo = await stepPhoto(request);
				return change((db, grant) => addStep(db, grant, data, photo));
			}
		},
		editStep: {
			action: 'editStep' as const,
			schema: editStepSchema,
			target: 'stepId',
			run: async (data: { stepId: string; text: string; icon: string; time: string | null; removePhoto: boolean }) => {
				const photo = await stepPhoto(request);
				return change((db, grant) => editStep(db, grant, data, photo));
			}
		},
		removeStep: {
			action: 'removeStep' as const,
			schema: stepIdSchema,
			badInput: 'notFound' as const,
			run: (data: { stepId: string }) => change((db, grant) => removeStep(db, grant, data.stepId))
		},
		moveStep: {
			action: 'moveStep' as const,
			schema: moveStepSchema,
			badInput: 'notFound' as const,
			run: (data: { stepId: string; direction: 'up' | 'down' }) =>
				change((db, grant) => moveStep(db, grant, data.stepId, data.direction))
		}
	};
}

/** The specs for a page whose guard gave the grant directly (no together session around it). */
export function directRoutineForms(db: Db, grant: Grant<'routines', 'write'>, request: Request) {
	return routineFormSpecs((run) => run(db, grant), request);
}
