/// <reference types="astro/client" />

// Lets plain `tsc` type-check TypeScript modules that import components; Astro's own tooling checks .astro files.
declare module '*.astro' {
	const component: import('astro/runtime/server/index.js').AstroComponentFactory;
	export default component;
}
