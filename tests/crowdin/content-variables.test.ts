import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';

/** `content/en/variables.yml` goes to Crowdin as a YAML file and comes back as each locale's own values. */
const ENGLISH = 'signup_button: Sign up\nurls:\n  volunteer_local: https://example.org/volunteer\n';

let emulator: CrowdinEmulator;
let root: string;
let uploaded: { code: number | null; output: string };

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-variables', {
		'content/en/variables.yml': ENGLISH,
		'content/en/join.md': '---\ntitle: Join\n---\n\nPress {{ signup_button }} or [volunteer]({{ urls/volunteer_local }}).\n',
	});
	uploaded = await runCrowdin(root, emulator, ['upload']);
});
afterAll(() => emulator.stop());

describe('variables.yml in Crowdin', () => {
	it('is uploaded as a YAML file with the English values and a context for translators', () => {
		expect(uploaded.code, uploaded.output).toBe(0);
		const file = emulator.fileByPath('/content/variables.yml')!;
		expect(file.type).toBe('yaml');
		expect(file.content.toString('utf8')).toBe(ENGLISH);
		expect(file.context).toMatch(/^Content variables \(2 values\): text and links that pages show where they write \{\{ name \}\}\./);
	});

	it('a page that uses variables tells translators to keep them as written', () => {
		const context = emulator.fileByPath('/content/join.md')!.context!;
		expect(context).toContain('- the content variables {{ signup_button }}, {{ urls/volunteer_local }}: keep each exactly as written (you may move it)');
	});

	it("downloads each locale's values into content/<tag>/variables.yml, and refuses unknown keys and broken YAML", async () => {
		const spanish = 'signup_button: Inscríbete\nurls:\n  volunteer_local: https://example.org/es/voluntarios\n';
		emulator.seedTranslation('es-419', '/content/variables.yml', spanish);
		emulator.seedTranslation('pt-BR', '/content/variables.yml', 'signup_button: Inscreva-se\ninvented: <b>x</b>\n');
		emulator.seedTranslation('ko', '/content/variables.yml', 'signup_button: [가입\n');
		const result = await runCrowdin(root, emulator, ['download']);
		expect(result.output).toContain('write content/es-419/variables.yml');
		expect(await readFile(path.join(root, 'content/es-419/variables.yml'), 'utf8')).toBe(spanish);
		expect(result.output).toMatch(
			/REJECTED content\/pt-BR\/variables\.yml: content\/pt-BR\/variables\.yml: invented is not a variable of content\/en\/variables\.yml/,
		);
		expect(result.output).toMatch(/REJECTED content\/ko\/variables\.yml: content\/ko\/variables\.yml:1: is not valid YAML/);
		expect(existsSync(path.join(root, 'content/pt-BR/variables.yml'))).toBe(false);
		expect(existsSync(path.join(root, 'content/ko/variables.yml'))).toBe(false);
		// Untranslated: Crowdin would export the English text, which would hide the locale's fallbacks.
		expect(result.output).toContain('skipped content/id/variables.yml: no translated values yet');
		expect(existsSync(path.join(root, 'content/id/variables.yml'))).toBe(false);
	});
});
