import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageVersion, packageVersionWithDependencies } from '../../src/cache/package-version.ts';

const installed = (name: string) =>
	(JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;

describe('packageVersion', () => {
	it('names the installed version of a dependency, scoped or not, whatever its exports allow', () => {
		expect(packageVersion('dompurify', import.meta.url)).toBe(`dompurify@${installed('dompurify')}`);
		expect(packageVersion('@formatjs/intl-localematcher', import.meta.url)).toBe(`@formatjs/intl-localematcher@${installed('@formatjs/intl-localematcher')}`);
		expect(packageVersion('pagefind', import.meta.url)).toBe(`pagefind@${installed('pagefind')}`);
	});

	it('says which package is missing and how to fix it', () => {
		expect(() => packageVersion('glossa-no-such-package', import.meta.url)).toThrow(/glossa-no-such-package is not installed .*run npm install/);
	});

	it('names a package and then each of its own dependencies, sorted, as the package resolves them', () => {
		const versions = packageVersionWithDependencies('jsdom', import.meta.url);
		const { dependencies } = JSON.parse(readFileSync(new URL('../../node_modules/jsdom/package.json', import.meta.url), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(versions[0]).toBe(`jsdom@${installed('jsdom')}`);
		expect(versions.slice(1).map((entry) => entry.slice(0, entry.lastIndexOf('@')))).toEqual(Object.keys(dependencies).sort());
		expect(versions).toContain(`saxes@${installed('saxes')}`);
	});
});
