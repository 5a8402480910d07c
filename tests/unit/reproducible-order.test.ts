/**
 * Same tree, same bytes on any machine: the orders a build writes in do not follow the machine's locale.
 * `localeCompare` sorts "ä" after "z" in Swedish and before it in English, so a site with such a page
 * name printed its routes (sitemap, status page) in another order on a Swedish build machine.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { byCodeUnits, compareCodeUnits } from '../../src/build/reproducible-order.ts';

/** The route paths `planRoutes` gives for English pages named with these slugs, in a Node process run under `lang`. */
function routeOrderUnder(lang: string, slugs: string[]): string[] {
	const script = `
		import { planRoutes } from './src/i18n/routing.ts';
		import { locales } from './src/i18n/locales.ts';
		const plan = planRoutes(locales, ${JSON.stringify(slugs)}.map((slug) => ({ id: 'en/' + slug })));
		console.log(JSON.stringify(plan.routes.filter((route) => route.locale.tag === 'en').map((route) => route.path)));`;
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, LANG: lang, LC_ALL: lang }, encoding: 'utf8' });
	return JSON.parse(output) as string[];
}

describe('the build’s order', () => {
	it('is by code units, whatever the machine’s locale', () => {
		expect(['zebra', 'äpple', 'Apple', 'apple', 'a-b', 'a/b'].sort(compareCodeUnits)).toEqual(['Apple', 'a-b', 'a/b', 'apple', 'zebra', 'äpple']);
		expect([{ path: 'b' }, { path: 'a' }].sort(byCodeUnits((item) => item.path))).toEqual([{ path: 'a' }, { path: 'b' }]);
	});

	it('routes come out in the same order on an English and a Swedish build machine', () => {
		const slugs = ['zebra', 'äventyr', 'apple'];
		const english = routeOrderUnder('en_US.UTF-8', slugs);
		expect(english).toEqual(['/en/apple/', '/en/zebra/', '/en/äventyr/']);
		expect(routeOrderUnder('sv_SE.UTF-8', slugs)).toEqual(english);
	});
});
