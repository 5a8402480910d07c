import { describe, expect, it } from 'vitest';
import { createLocaleRegistry, LocaleRegistryError, textDirection, type LocaleDefinition } from '../../src/i18n/registry.ts';
import { locales } from '../../src/i18n/locales.ts';
import { largeRegistry } from './large-registry.fixture.ts';

const RIGHT_TO_LEFT = ['ar', 'he', 'fa', 'ur', 'ps', 'dv', 'ckb', 'sd', 'yi'];

describe('a registry of a large real-world locale list (80 locales)', () => {
	const registry = createLocaleRegistry(largeRegistry, { source: 'en' });

	it('holds every definition', () => {
		expect(registry.all.length).toBe(largeRegistry.length);
		expect(registry.all.length).toBeGreaterThanOrEqual(69);
	});

	it('derives right-to-left exactly for the right-to-left languages', () => {
		const rtl = registry.all.filter((locale) => locale.dir === 'rtl').map((locale) => locale.tag);
		expect(rtl.sort()).toEqual([...RIGHT_TO_LEFT].sort());
	});

	it('gives every locale a unique lower-case URL segment and a unique Crowdin id', () => {
		const segments = registry.all.map((locale) => locale.segment);
		expect(new Set(segments).size).toBe(segments.length);
		for (const segment of segments) expect(segment).toMatch(/^[a-z0-9-]+$/);
		const crowdinIds = registry.all.map((locale) => locale.crowdinId.toLowerCase());
		expect(new Set(crowdinIds).size).toBe(crowdinIds.length);
	});

	it('ends every fallback chain in English, starting with the locale itself, without repeats', () => {
		for (const locale of registry.all) {
			expect(locale.fallbackChain[0]).toBe(locale.tag);
			expect(locale.fallbackChain.at(-1)).toBe('en');
			expect(new Set(locale.fallbackChain).size).toBe(locale.fallbackChain.length);
			for (const tag of locale.fallbackChain) expect(registry.byTag(tag)).toBeDefined();
		}
	});

	it('derives regional fallbacks from registered ancestors and keeps declared ones', () => {
		expect(registry.get('es-419').fallbackChain).toEqual(['es-419', 'es', 'en']);
		expect(registry.get('es-MX').fallbackChain).toEqual(['es-MX', 'es-419', 'es', 'en']);
		expect(registry.get('pt-PT').fallbackChain).toEqual(['pt-PT', 'pt-BR', 'en']);
		expect(registry.get('zh-Hant').fallbackChain).toEqual(['zh-Hant', 'en']);
	});

	it('looks locales up by tag (any case) and by segment', () => {
		expect(registry.byTag('PT-br')?.tag).toBe('pt-BR');
		expect(registry.bySegment('sr-latn')?.tag).toBe('sr-Latn');
		expect(() => registry.get('xx')).toThrow(/Unknown locale "xx"/);
	});
});

describe('the demo registry', () => {
	it('lists the demo locales with English as source', () => {
		expect(locales.all.map((locale) => locale.tag)).toEqual(['en', 'es-419', 'pt-BR', 'id', 'ru', 'zh-Hans', 'zh-Hant', 'pl', 'tr', 'ko', 'th', 'uz', 'ar']);
		expect(locales.source.tag).toBe('en');
		expect(locales.get('pt-BR').segment).toBe('pt-br');
		expect(locales.get('zh-Hant').crowdinId).toBe('zh-TW');
		expect(locales.get('zh-Hans').crowdinId).toBe('zh-CN');
		expect(locales.get('ar').dir).toBe('rtl');
	});
});

describe('registry validation', () => {
	const base: LocaleDefinition[] = [
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'fr', crowdinId: 'fr', endonym: 'Français', englishName: 'French' },
	];
	const build =
		(extra: LocaleDefinition[], source = 'en') =>
		() =>
			createLocaleRegistry([...base, ...extra], { source });

	it('rejects two locales on one URL segment', () => {
		expect(build([{ tag: 'fr-CA', crowdinId: 'fr-CA', endonym: 'Français (Canada)', englishName: 'French (Canada)', segment: 'fr' }])).toThrow(
			/"fr" and "fr-CA" share the segment "fr"/,
		);
	});

	it('rejects two locales on one Crowdin id, so two languages never collapse into one folder', () => {
		expect(build([{ tag: 'fr-CA', crowdinId: 'FR', endonym: 'Français (Canada)', englishName: 'French (Canada)' }])).toThrow(/share the crowdin/);
	});

	it('rejects a fallback to an unregistered locale', () => {
		expect(build([{ tag: 'fr-CA', crowdinId: 'fr-CA', endonym: 'x', englishName: 'x', fallback: ['fr-FR'] }])).toThrow(
			/"fr-CA" falls back to "fr-FR", which is not in the registry/,
		);
	});

	it('rejects tags that are not canonical BCP 47', () => {
		expect(build([{ tag: 'pt-br', crowdinId: 'pt-BR', endonym: 'x', englishName: 'x' }])).toThrow(/canonical form "pt-BR"/);
		expect(build([{ tag: 'not a tag', crowdinId: 'z', endonym: 'x', englishName: 'x' }])).toThrow(LocaleRegistryError);
	});

	it("rejects a regional page's menu place that frontmatter could not hold", () => {
		const regional = (navOrder: number) => [
			{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español', englishName: 'Spanish', localPages: { becas: { navOrder } } },
		];
		expect(build(regional(-1))).toThrow(/localPages\["becas"\]\.navOrder must be a whole number of 0 or more \(got -1\)/);
		expect(build(regional(1.5))).toThrow(LocaleRegistryError);
		expect(build(regional(3))).not.toThrow();
	});

	it('rejects a source locale that is not registered', () => {
		expect(build([], 'de')).toThrow(/source locale "de"/);
	});
});

describe('textDirection', () => {
	it('follows the script, so a right-to-left script of a left-to-right language is right-to-left', () => {
		expect(textDirection('uz-Arab')).toBe('rtl');
		expect(textDirection('uz-Latn')).toBe('ltr');
		expect(textDirection('ku-Arab')).toBe('rtl');
		expect(textDirection('th')).toBe('ltr');
	});
});
