/**
 * node scripts/demo/field-visit-images.ts [--out content/images/stories/field-visit]
 * Makes the demo's image-rich page's pictures (content/en/stories/field-visit.md): five photo-like JPEGs
 * and a PNG poster with text, plus the poster's es-419 copy (its text translated). They are generated, not
 * taken from anywhere, with a fixed seed, so the same command gives the same files. Run it once; the files
 * are committed.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { seededRandom as random } from '../shared/seeded-random.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'content/images/stories/field-visit' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
	console.log('Usage: node scripts/demo/field-visit-images.ts [--out DIR]\nWrites the field-visit demo images (5 JPEG, 1 PNG and its es-419 copy).');
	process.exit(0);
}

/** Noise with detail at one scale: random values on a grid of `cell` pixels, blended between grid points. */
function valueNoise(width: number, height: number, cell: number, next: () => number): Float32Array {
	const columns = Math.ceil(width / cell) + 1;
	const grid = Float32Array.from({ length: columns * (Math.ceil(height / cell) + 1) }, () => next() - 0.5);
	const noise = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		const gy = Math.floor(y / cell);
		const fy = (y % cell) / cell;
		for (let x = 0; x < width; x++) {
			const gx = Math.floor(x / cell);
			const fx = (x % cell) / cell;
			const at = (cx: number, cy: number) => grid[cy * columns + cx]!;
			const top = at(gx, gy) * (1 - fx) + at(gx + 1, gy) * fx;
			const bottom = at(gx, gy + 1) * (1 - fx) + at(gx + 1, gy + 1) * fx;
			noise[y * width + x] = top * (1 - fy) + bottom * fy;
		}
	}
	return noise;
}

/**
 * A photo-like picture: sky, a horizon, hills, and texture at several scales (leaves, gravel, grain), which
 * is what makes real photos heavy at every size they are shown at.
 */
function photo(width: number, height: number, seed: number, palette: [number, number, number][]): Buffer {
	const next = random(seed);
	const pixels = Buffer.alloc(width * height * 3);
	const textures = [valueNoise(width, height, 3, next), valueNoise(width, height, 9, next), valueNoise(width, height, 27, next)];
	const horizon = height * (0.35 + next() * 0.2);
	const hills = Array.from({ length: 4 }, () => ({ phase: next() * 6.28, frequency: 2 + next() * 5, amplitude: 20 + next() * 60 }));
	const [sky, ground, accent] = palette;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const ridge = horizon + hills.reduce((sum, hill) => sum + hill.amplitude * Math.sin(hill.phase + (x / width) * hill.frequency), 0) / 2;
			const base = y < ridge ? sky! : ground!;
			const shade = y < ridge ? 1 - (y / ridge) * 0.35 : 0.7 + ((y - ridge) / (height - ridge)) * 0.3;
			const spot = Math.hypot(x - width * 0.7, y - height * 0.6) < height * 0.12 ? accent! : undefined;
			const index = y * width + x;
			const grain = (next() - 0.5) * 14 + textures[0]![index]! * 60 + textures[1]![index]! * 70 + textures[2]![index]! * 60;
			const offset = (y * width + x) * 3;
			for (let channel = 0; channel < 3; channel++) {
				const value = (spot ? spot[channel]! : base[channel]! * shade) + grain;
				pixels[offset + channel] = Math.max(0, Math.min(255, Math.round(value)));
			}
		}
	}
	return pixels;
}

function poster(title: string, lines: string[]): Buffer {
	const text = lines.map((line, index) => `<text x="80" y="${330 + index * 90}" font-size="56" fill="#1d3557">${line}</text>`).join('');
	return Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="900"><rect width="1400" height="900" fill="#f1efe7"/><rect x="40" y="40" width="1320" height="820" rx="24" fill="none" stroke="#1d3557" stroke-width="8"/><text x="80" y="200" font-family="Noto Sans, sans-serif" font-size="96" font-weight="700" fill="#e63946">${title}</text><g font-family="Noto Sans, sans-serif">${text}</g></svg>`,
	);
}

const photos: { name: string; seed: number; palette: [number, number, number][] }[] = [
	{
		name: 'schoolyard.jpg',
		seed: 11,
		palette: [
			[150, 190, 230],
			[120, 150, 90],
			[200, 60, 50],
		],
	},
	{
		name: 'solar-panel.jpg',
		seed: 23,
		palette: [
			[170, 200, 235],
			[140, 120, 90],
			[40, 60, 120],
		],
	},
	{
		name: 'computer-lab.jpg',
		seed: 37,
		palette: [
			[220, 210, 190],
			[160, 140, 120],
			[60, 90, 70],
		],
	},
	{
		name: 'river-road.jpg',
		seed: 41,
		palette: [
			[140, 175, 215],
			[100, 130, 80],
			[120, 110, 100],
		],
	},
	{
		name: 'teachers.jpg',
		seed: 53,
		palette: [
			[230, 200, 160],
			[150, 110, 80],
			[220, 170, 40],
		],
	},
];

const out = path.resolve(values.out);
await mkdir(out, { recursive: true });
for (const [index, { name, seed, palette }] of photos.entries()) {
	const width = 1600;
	const height = 1067;
	await sharp(photo(width, height, seed, palette), { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 88 })
		.toFile(path.join(out, name));
	console.log(`[${index + 1}/${photos.length + 2}] ${path.join(values.out, name)}`);
}
await sharp(poster('Offline day', ['Saturday, 10:00', 'Bring a USB stick', 'Packs for every language']))
	.png()
	.toFile(path.join(out, 'poster.png'));
console.log(`[${photos.length + 1}/${photos.length + 2}] ${path.join(values.out, 'poster.png')}`);
const spanish = path.join(path.dirname(values.out), '..', 'es-419', path.basename(path.dirname(values.out)), path.basename(values.out));
await mkdir(path.resolve(spanish), { recursive: true });
await sharp(poster('Día sin conexión', ['Sábado, 10:00', 'Trae una memoria USB', 'Paquetes en cada idioma']))
	.png()
	.toFile(path.resolve(spanish, 'poster.png'));
console.log(`[${photos.length + 2}/${photos.length + 2}] ${path.join(spanish, 'poster.png')}`);
