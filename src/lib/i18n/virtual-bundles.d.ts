/** Made by `vite-plugin.ts`: the file name of each language's text bundle per group. */
declare module 'virtual:mf-i18n-bundles' {
	export const BUNDLES: Record<import('./languages').Language, Record<import('./bundles').BundleGroup, string>>;
}
