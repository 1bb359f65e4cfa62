/** Made by `vite-plugin.ts`: the address of the icon sprite (content-hashed in a build). */
declare module 'virtual:mf-icon-sprite' {
	const url: string;
	export default url;
}
