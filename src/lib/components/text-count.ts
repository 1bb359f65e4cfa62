import { formatNumber } from '../format';

/**
 * The live half of text-limit.svelte: while the person types in a field with a limit, its hint
 * (`#<field id>-limit`) shows how much is used, from the template in its `data-count` ("# af 4.000
 * tegn"). One listener on the document for every field, started once; loaded with the draft code
 * (../offline/draft-page.ts) when the person first goes into a text field.
 */
let started = false;

function update(field: EventTarget | Element | null) {
	if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || !field.id) return;
	const hint = document.getElementById(`${field.id}-limit`);
	const template = hint?.dataset.count;
	if (!hint || !template) return;
	// Count as the server does: a browser sends each newline as CR LF, the server counts it as one.
	const used = field.value.replace(/\r\n/g, '\n').length;
	hint.textContent = template.replace('#', formatNumber(used, document.documentElement.lang || 'da'));
	hint.toggleAttribute('data-full', field.maxLength > 0 && used >= field.maxLength);
}

export function countTyping() {
	if (started) return;
	started = true;
	document.addEventListener('input', (event) => update(event.target));
	document.addEventListener('focusin', (event) => update(event.target));
	document.addEventListener('reset', (event) => {
		const form = event.target as HTMLFormElement;
		setTimeout(() => form.querySelectorAll('textarea, input').forEach(update));
	});
	// The field that brought this code here already has focus (and maybe text).
	update(document.activeElement);
}
