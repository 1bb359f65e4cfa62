import { readOwnDevice } from './own-device-flag';
import { countTyping } from '../components/text-count';
import { draftKey, keepTyping, markPending, markShown, readDraft, settleDrafts, type DraftStores } from './drafts';

/**
 * The page side of drafts (rules in ./drafts.ts), loaded by draft-keeper.svelte only where it is
 * needed: when the person first goes into a text field, or when drafts are waiting on the device.
 * Keeps the text fields and text areas of every form that posts while the person types, and after
 * Save until the next page shows whether it was saved; puts interrupted drafts back with a note.
 * Passwords and hidden fields are never kept, nor a field inside `data-draft="off"`.
 */
export interface DraftPage {
	/** After a page is shown: settle pending drafts, and put waiting ones back into their forms. */
	landed(status: number): void;
	/** Before leaving the page (SvelteKit's navigation type). */
	leaving(type: string): void;
	/** Forms that came into the page after it was shown, under `root`: put waiting drafts back. */
	restore(root: ParentNode): void;
}

interface Context {
	owner: () => string | null;
	pathname: () => string;
	/** The note shown above a form whose text came back. */
	note: () => string;
	/**
	 * What each field held when the page was shown, kept by draft-keeper.svelte before this code
	 * came (so text typed while it loaded counts as typed). Not `defaultValue`: Svelte sets a text
	 * area's text as its value, so its default is empty even when it shows the saved text.
	 */
	shown: () => WeakMap<Element, string>;
}

const TEXT_TYPES = new Set(['text', 'tel', 'email', 'search', 'url']);
type TextField = HTMLInputElement | HTMLTextAreaElement;

function isKept(el: Element): el is TextField {
	const text = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
	return text && Boolean((el as TextField).name) && !(el as TextField).disabled && !el.closest('[data-draft="off"]');
}

function fieldsOf(form: HTMLFormElement | null): TextField[] {
	if (!form || form.method.toLowerCase() !== 'post') return [];
	return [...form.elements].filter(isKept);
}

const fieldKey = (field: TextField) => `${field.name}#${field.id}`;

function formOf(target: EventTarget | null): HTMLFormElement | null {
	if (target instanceof HTMLFormElement) return target;
	return target instanceof Element ? target.closest('form') : null;
}

function stores(): DraftStores {
	// Only on the citizen's own device may a draft outlive this tab.
	return readOwnDevice()
		? { chosen: localStorage, other: sessionStorage }
		: { chosen: sessionStorage, other: localStorage };
}

export function draftPage(context: Context): DraftPage {
	// The text limit counters (../components/text-limit.svelte) come with this code: both are needed
	// from the moment the person goes into a text field, and not before.
	countTyping();
	const keyOf = (form: HTMLFormElement, fields: TextField[]) =>
		draftKey(context.pathname(), form.getAttribute('action') ?? '', fields.map(fieldKey));
	const shownValue = (field: TextField) => context.shown().get(field) ?? field.defaultValue;
	const changed = (fields: TextField[]) =>
		Object.fromEntries(fields.filter((f) => f.value !== shownValue(f)).map((f) => [fieldKey(f), f.value]));

	function snapshot(form: HTMLFormElement | null, pending: boolean) {
		const fields = fieldsOf(form);
		if (!form || fields.length === 0) return;
		(pending ? markPending : keepTyping)(stores(), keyOf(form, fields), context.owner(), changed(fields));
	}

	function showNote(form: HTMLFormElement) {
		const note = document.createElement('p');
		note.className = 'message info draft-note';
		note.setAttribute('role', 'status');
		form.prepend(note);
		// Filled after it is in the page, so screen readers announce it.
		setTimeout(() => (note.textContent = context.note()), 100);
	}

	/** Puts interrupted drafts back into their forms under root, with a note where it happened. */
	function restore(root: ParentNode) {
		const all = stores();
		for (const form of root.querySelectorAll('form')) {
			const fields = fieldsOf(form);
			if (fields.length === 0) continue;
			const key = keyOf(form, fields);
			const draft = readDraft(all, key);
			if (!draft || draft.state === 'pending') continue;
			markShown(all, key, draft);
			const filled = fields.filter((f) => {
				const text = draft.fields[fieldKey(f)];
				return f.value === shownValue(f) && text !== undefined && text !== f.value;
			});
			for (const field of filled) {
				field.value = draft.fields[fieldKey(field)];
				field.dispatchEvent(new Event('input', { bubbles: true }));
			}
			if (filled.length && draft.state === 'interrupted') showNote(form);
		}
	}

	const onInput = (event: Event) => snapshot(formOf(event.target), false);
	document.addEventListener('input', onInput);
	document.addEventListener('change', onInput);
	document.addEventListener('submit', (event) => snapshot(formOf(event.target), true));
	// What was typed while this code loaded.
	for (const form of document.querySelectorAll('form'))
		if (Object.keys(changed(fieldsOf(form))).length) snapshot(form, false);

	return {
		landed(status) {
			settleDrafts(stores(), context.owner(), { pathname: context.pathname(), status });
			restore(document);
		},
		leaving(type) {
			for (const note of document.querySelectorAll('.draft-note')) note.remove();
			// Leaving by a link or Back while a sent form still holds its text (the sending was stopped
			// on the page, e.g. a missing choice): it was not saved, so it is a draft again.
			if (type !== 'link' && type !== 'popstate') return;
			for (const form of document.querySelectorAll('form')) {
				const fields = fieldsOf(form);
				if (fields.length && Object.keys(changed(fields)).length) snapshot(form, false);
			}
		},
		restore
	};
}
