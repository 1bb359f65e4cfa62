/**
 * The pictures a routine step may have: icons from the app's own Lucide set. They are written as
 * the package's paths because the sprite plugin (src/lib/icons/vite-plugin.ts) reads those strings
 * from the sources and draws exactly these into the sprite; a page then shows one with
 * `<SpriteIcon name={step.icon} />`, without a component per icon in its JavaScript. The server
 * takes no other name (schemas.ts), so a step can never point at a shape the sprite lacks.
 */
const PATHS = [
	'@lucide/svelte/icons/sun',
	'@lucide/svelte/icons/bed',
	'@lucide/svelte/icons/shower-head',
	'@lucide/svelte/icons/toothbrush',
	'@lucide/svelte/icons/shirt',
	'@lucide/svelte/icons/coffee',
	'@lucide/svelte/icons/utensils',
	'@lucide/svelte/icons/pill',
	'@lucide/svelte/icons/glass-water',
	'@lucide/svelte/icons/backpack',
	'@lucide/svelte/icons/key-round',
	'@lucide/svelte/icons/bus',
	'@lucide/svelte/icons/footprints',
	'@lucide/svelte/icons/shopping-cart',
	'@lucide/svelte/icons/washing-machine',
	'@lucide/svelte/icons/trash-2',
	'@lucide/svelte/icons/phone',
	'@lucide/svelte/icons/tv',
	'@lucide/svelte/icons/book-open',
	'@lucide/svelte/icons/moon',
	'@lucide/svelte/icons/heart',
	'@lucide/svelte/icons/circle-check'
] as const;

type NameOf<P> = P extends `@lucide/svelte/icons/${infer N}` ? N : never;
export type StepIcon = NameOf<(typeof PATHS)[number]>;

export const STEP_ICONS = PATHS.map((p) => p.slice('@lucide/svelte/icons/'.length)) as StepIcon[];
export const DEFAULT_STEP_ICON: StepIcon = 'circle-check';

export const isStepIcon = (name: string): name is StepIcon => (STEP_ICONS as string[]).includes(name);
