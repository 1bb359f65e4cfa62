/**
 * Display settings beside the reading mode: text size (up to 200 %), wider spacing (WCAG 1.4.12),
 * high contrast and reduced motion. Kept per device in one cookie and per person in the database.
 */
export const TEXT_SIZES = ['100', '125', '150', '175', '200'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const isTextSize = (value: unknown): value is TextSize => (TEXT_SIZES as readonly unknown[]).includes(value);

export interface Display {
	size: TextSize;
	spacing: boolean;
	contrast: boolean;
	motion: boolean;
}

export const DEFAULT_DISPLAY: Display = { size: '100', spacing: false, contrast: false, motion: false };
export const DISPLAY_COOKIE = 'mf-display';

/** "150.s.c.m" — short, readable, and nothing personal. */
export function encodeDisplay(d: Display): string {
	return [d.size, d.spacing ? 's' : '', d.contrast ? 'c' : '', d.motion ? 'm' : ''].join('.');
}

export function decodeDisplay(value: string | undefined): Display {
	if (!value) return DEFAULT_DISPLAY;
	const [size, spacing, contrast, motion] = value.split('.');
	return {
		size: isTextSize(size) ? size : '100',
		spacing: spacing === 's',
		contrast: contrast === 'c',
		motion: motion === 'm'
	};
}

/** Classes on <html>: sizes scale rem, so everything grows together. */
export function displayClasses(d: Display): string {
	return [
		`text-${d.size}`,
		d.spacing ? 'spacing-wide' : '',
		d.contrast ? 'contrast-high' : '',
		d.motion ? 'motion-reduced' : ''
	]
		.filter(Boolean)
		.join(' ');
}
