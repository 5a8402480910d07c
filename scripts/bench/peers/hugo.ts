/** The benchmark's Hugo adapter: writes the corpus as a Hugo site (Debian's hugo package). */
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../corpus.ts';
import { measure, work, type BenchSite, type ToolResult } from '../measure.ts';

function hugoVersion(): string | undefined {
	const version = spawnSync('hugo', ['version'], { encoding: 'utf8' });
	return version.status === 0 ? version.stdout.trim().split(' ')[1] : undefined;
}

export async function prepareHugo(corpus: Corpus): Promise<BenchSite | ToolResult> {
	let version = hugoVersion();
	if (!version && process.getuid?.() === 0) {
		console.log("  installing Hugo (Debian's hugo package)…");
		spawnSync('apt-get', ['install', '-y', '-qq', 'hugo'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		version = hugoVersion();
	}
	if (!version)
		return { tool: 'Hugo', version: '-', status: 'skipped', reason: "hugo is not installed and could not be installed (needs root and Debian's hugo package)" };
	const site = path.join(work, 'hugo');
	await rm(site, { recursive: true, force: true });
	await mkdir(path.join(site, 'layouts/_default'), { recursive: true });
	const languages = corpus.locales
		.map(
			(locale, index) =>
				`[languages.${JSON.stringify(locale.hugoKey)}]\n  languageCode = ${JSON.stringify(locale.tag)}\n  languageName = ${JSON.stringify(locale.endonym)}\n  languageDirection = ${JSON.stringify(locale.dir)}\n  contentDir = "content/${locale.hugoKey}"\n  weight = ${index + 1}\n`,
		)
		.join('\n');
	await writeFile(
		path.join(site, 'hugo.toml'),
		`baseURL = "https://bench.example.org/"\ntitle = "Bench"\ndefaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\n  unsafe = false\n\n${languages}`,
	);
	await writeFile(
		path.join(site, 'layouts/_default/baseof.html'),
		'<!doctype html><html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}"><head><meta charset="utf-8"><title>{{ .Title }}</title><meta name="description" content="{{ .Description }}">{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head><body><header><a href="{{ "/" | relLangURL }}">{{ site.Title }}</a><nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
	);
	await writeFile(path.join(site, 'layouts/_default/single.html'), '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}');
	await writeFile(
		path.join(site, 'layouts/_default/list.html'),
		'{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}',
	);
	const hugoKeys = new Map(corpus.locales.map((locale) => [locale.tag, locale.hugoKey]));
	for (const page of corpus.pages) {
		const file = path.join(site, 'content', hugoKeys.get(page.locale)!, `${page.slug}.md`);
		await mkdir(path.dirname(file), { recursive: true });
		// Links in the corpus name the English page; Hugo's pages live under their language too.
		await writeFile(file, page.markdown);
	}
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	return {
		tool: 'Hugo',
		version,
		outputDir: path.join(site, 'public'),
		// Hugo builds translated pages only.
		fallbacks: 'none',
		makeCold: async () => {
			for (const leftover of ['public', 'resources', '.hugo_build.lock']) await rm(path.join(site, leftover), { recursive: true, force: true });
		},
		build: () => measure('hugo', ['--quiet', '--destination', 'public'], site),
		editEnglish: () => appendFile(path.join(site, 'content/en', `${corpus.slugs[0]}.md`), '\nOne more English sentence.\n'),
		editTranslation: () =>
			appendFile(path.join(site, 'content', hugoKeys.get(translation.locale)!, `${translation.slug}.md`), '\nOne more translated sentence.\n'),
	};
}
