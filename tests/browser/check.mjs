// The browser test of tip's HTML pages: each page in headless Chromium, checked with axe-core
// against WCAG 2.x A and AA at 1280 and 320 CSS px, and for reflow, text at 200 %, a visible
// skip link as the first stop of the keyboard, one <h1>, a <main> landmark and lang.
// Speaks TAP: an `ok` line for each check of each set of pages that found nothing, a `not ok`
// line for each fault found (the rule, the impact, the element and the page).
//
// Usage: node check.mjs --modules DIR --screens DIR [--chromium PATH]
//                       (--set LABEL PATH [--shots PREFIX])...
// DIR of --modules holds node_modules/ with playwright-core and axe-core (npm ci of this
// folder's package-lock.json). A set's PATH is one HTML file or a folder, walked for every
// *.html in it. --shots takes full-page screenshots of the set at both widths into --screens:
// of a folder its home (index.html), its first course (not an index, nor a list by-something)
// and its first glossary page.
import { createRequire } from 'node:module';
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const WIDE = 1280;
const NARROW = 320;
const HEIGHT = 800;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Past this many findings of one kind in one set, the rest are counted in one line: a fault
// of a template repeats on every page, and a thousand lines of it say no more than twenty.
const SHOWN_PER_KIND = 20;
const TABS = 2;
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking', '--disable-component-update',
	'--disable-sync'];

// Every fault is a `not ok` line; any of them makes the exit status 1.
let faults = 0;
function notOk(text) {
	faults++;
	console.log(`not ok - ${text}`);
}

function parseArgs(argv) {
	const opts = { chromium: '/usr/bin/chromium', sets: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		if (arg === '--modules') opts.modules = value();
		else if (arg === '--screens') opts.screens = value();
		else if (arg === '--chromium') opts.chromium = value();
		else if (arg === '--set') opts.sets.push({ label: value(), path: value() });
		else if (arg === '--shots' && opts.sets.length) opts.sets.at(-1).shots = value();
		else throw new Error(`unknown argument ${arg}`);
	}
	if (!opts.modules || !opts.screens) throw new Error('--modules and --screens are needed');
	return opts;
}

// Every *.html under dir, in a stable order, so that new pages are checked without a change here.
function htmlFiles(dir) {
	const found = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...htmlFiles(path));
		else if (entry.name.endsWith('.html')) found.push(path);
	}
	return found.sort();
}

function pagesOf(set) {
	const root = resolve(set.path);
	if (!statSync(root).isDirectory()) return [{ file: root, name: set.path.split('/').at(-1) }];
	return htmlFiles(root).map((file) => ({ file, name: relative(root, file) }));
}

// The faults of one set, by kind (check and rule), printed as TAP when the set is done.
class Findings {
	constructor() { this.byKind = new Map(); }
	add(kind, text) {
		if (!this.byKind.has(kind)) this.byKind.set(kind, []);
		this.byKind.get(kind).push(text);
	}
	count(check) {
		let n = 0;
		for (const [kind, list] of this.byKind) if (kind.startsWith(check + ':')) n += list.length;
		return n;
	}
	print(check) {
		for (const [kind, list] of this.byKind) {
			if (!kind.startsWith(check + ':')) continue;
			for (const text of list.slice(0, SHOWN_PER_KIND)) notOk(`${text}`);
			if (list.length > SHOWN_PER_KIND)
				notOk(`${kind}: ${list.length - SHOWN_PER_KIND} more of this kind, not shown`);
		}
	}
}

// Runs in the page: axe with the WCAG 2.x A and AA rules; the violations, one per element.
async function axeViolations(page, tags) {
	return page.evaluate(async (wanted) => {
		const result = await window.axe.run(document, {
			runOnly: { type: 'tag', values: wanted },
			resultTypes: ['violations'],
		});
		return result.violations.flatMap((v) => v.nodes.map((node) => ({
			id: v.id, impact: node.impact || v.impact, target: node.target.join(' '), help: v.help,
		})));
	}, tags);
}

async function checkAxe(page, width, pageName, findings) {
	for (const v of await axeViolations(page, AXE_TAGS))
		findings.add(`axe ${width}:${v.id}`,
			`axe ${v.id} (${v.impact}) at ${width} px: ${v.target} in ${pageName}: ${v.help}`);
}

// One <h1>, a <main> landmark, lang on <html>.
async function checkStructure(page, pageName, findings) {
	const s = await page.evaluate(() => ({
		h1: document.querySelectorAll('h1').length,
		main: document.querySelectorAll('main, [role="main"]').length,
		lang: document.documentElement.getAttribute('lang') || '',
	}));
	if (s.h1 !== 1) findings.add('structure:h1', `structure: ${s.h1} <h1> in ${pageName}, not one`);
	if (s.main !== 1)
		findings.add('structure:main', `structure: ${s.main} <main> landmarks in ${pageName}, not one`);
	if (!s.lang.trim()) findings.add('structure:lang', `structure: no lang on <html> in ${pageName}`);
}

// Runs in the page: the outline and shadow that show focus, before and after the first Tab.
function focusLook(el) {
	const cs = getComputedStyle(el);
	return {
		outline: cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none'
			: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
		shadow: cs.boxShadow,
	};
}

// The first Tab must land on the skip link (a link to an element of the page that is or is in
// <main>), which must then be on screen, and drawn with an outline or shadow it did not have.
async function checkFocus(page, pageName, findings) {
	const before = await page.evaluate(`(() => {
		const focusLook = ${focusLook.toString()};
		const links = [...document.querySelectorAll('a[href^="#"]')];
		return links.length ? focusLook(links[0]) : null;
	})()`);
	await page.keyboard.press('Tab');
	const got = await page.evaluate(`(() => {
		const focusLook = ${focusLook.toString()};
		const el = document.activeElement;
		if (!el || el === document.body) return { none: true };
		const href = el.getAttribute('href') || '';
		const target = href.startsWith('#') && href.length > 1
			? document.getElementById(decodeURIComponent(href.slice(1))) : null;
		const main = document.querySelector('main, [role="main"]');
		const r = el.getBoundingClientRect();
		const cs = getComputedStyle(el);
		return {
			tag: el.tagName.toLowerCase(), href, text: el.textContent.trim().slice(0, 40),
			skip: el.tagName === 'A' && !!target && !!main && (main === target || main.contains(target)
				|| target.contains(main)),
			onScreen: r.width >= 1 && r.height >= 1 && r.left >= 0 && r.top >= 0
				&& r.right <= innerWidth && r.bottom <= innerHeight && cs.visibility === 'visible'
				&& parseFloat(cs.opacity) > 0 && cs.clip === 'auto'
				&& (cs.clipPath === 'none' || cs.clipPath === ''),
			look: focusLook(el),
			first: el === document.querySelector('a[href^="#"]'),
		};
	})()`);
	await page.evaluate(() => document.activeElement && document.activeElement.blur());
	if (got.none) {
		findings.add('focus:none', `focus: Tab reaches nothing in ${pageName} (no skip link)`);
		return;
	}
	const what = `<${got.tag}${got.href ? ` href="${got.href}"` : ''}> "${got.text}"`;
	if (!got.skip) {
		findings.add('focus:skip', `focus: the first Tab reaches ${what} in ${pageName}, not a skip link to <main>`);
		return;
	}
	if (!got.onScreen)
		findings.add('focus:hidden', `focus: the skip link ${what} is not visible when focused in ${pageName}`);
	const shows = got.look.outline !== 'none' || got.look.shadow !== 'none';
	const changed = !before || !got.first || before.outline !== got.look.outline
		|| before.shadow !== got.look.shadow;
	if (!shows || !changed)
		findings.add('focus:indicator',
			`focus: the skip link ${what} has no outline or box-shadow of its own when focused in ${pageName}`);
}

// Runs in the page: the width of the page beyond the window (0 when it reflows).
const overflowPx = () => document.documentElement.scrollWidth - window.innerWidth;

async function checkReflow(page, width, pageName, findings, check = 'reflow') {
	const over = await page.evaluate(overflowPx);
	if (over > 0)
		findings.add(`${check}:scroll`, `${check}: ${pageName} scrolls sideways by ${over} px at ${width} px`);
}

// Text at 200 %: the root font size doubled, the text grows with it (a size in px or pt would
// not, and the rest of the check would then prove nothing), no text is cut off by a box that
// hides its overflow, and the page still reflows at the wide width.
async function checkTextSize(page, pageName, findings) {
	const { fixed, clipped } = await page.evaluate(() => {
		const texts = [...document.body.querySelectorAll('*')].filter((el) =>
			[...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()));
		const sizes = texts.map((el) => parseFloat(getComputedStyle(el).fontSize));
		document.documentElement.style.fontSize = '200%';
		const stuck = texts.find((el, i) => parseFloat(getComputedStyle(el).fontSize) < 1.5 * sizes[i]);
		const fixed = stuck ? `<${stuck.tagName.toLowerCase()}> "${stuck.textContent.trim().slice(0, 30)}"` : null;
		const cut = [];
		for (const el of document.body.querySelectorAll('*')) {
			const cs = getComputedStyle(el);
			const hides = ['hidden', 'clip'].includes(cs.overflowX) || ['hidden', 'clip'].includes(cs.overflowY);
			if (!hides || !el.textContent.trim()) continue;
			// Text clipped away on purpose is there for screen readers only, not cut off.
			if (cs.clip !== 'auto' || (cs.clipPath !== 'none' && cs.clipPath !== '')) continue;
			// A box of a pixel or none is a visually hidden text for screen readers, not a cut.
			if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
			if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
				const id = el.id ? `#${el.id}` : el.className ? `.${String(el.className).split(' ')[0]}` : '';
				cut.push(`<${el.tagName.toLowerCase()}${id}> "${el.textContent.trim().slice(0, 30)}"`);
			}
		}
		return { fixed, clipped: [...new Set(cut)] };
	});
	if (fixed)
		findings.add('text200:fixed', `text200: the text of ${fixed} does not grow with the root font size (a size in px or pt?) in ${pageName}`);
	for (const what of clipped)
		findings.add('text200:clip', `text200: ${what} is cut off at 200 % text in ${pageName}`);
	await checkReflow(page, WIDE, pageName, findings, 'text200');
}

function shotNames(set, pages) {
	if (!set.shots) return new Map();
	if (pages.length === 1) return new Map([[pages[0].name, set.shots]]);
	const wanted = [['home', /^index\.html$/], ['course', /^courses\/(?!index\.html$|by-).+\.html$/],
		['glossary', /^glossary\/(?!index\.html$).+\.html$/]];
	const names = new Map();
	for (const [what, re] of wanted) {
		const page = pages.find((p) => re.test(p.name));
		if (page) names.set(page.name, `${set.shots}-${what}`);
	}
	return names;
}

async function screenshot(page, dir, name, width) {
	await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
}

// Where the time goes, step by step, summed over a set of pages: printed as a TAP comment.
class Timings {
	constructor() { this.ms = new Map(); }
	async time(step, work) {
		const started = Date.now();
		try {
			return await work();
		} finally {
			this.ms.set(step, (this.ms.get(step) || 0) + Date.now() - started);
		}
	}
	toString() {
		return [...this.ms].map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ');
	}
}

// Everything for one page at one load: the wide checks, the narrow ones, then text at 200 %
// (last, as it changes the page).
async function checkPage(tab, entry, shot, screens, findings, timings) {
	const step = (name, work) => timings.time(name, work);
	await step('load', async () => {
		await tab.setViewportSize({ width: WIDE, height: HEIGHT });
		await tab.goto(pathToFileURL(entry.file).href, { waitUntil: 'load' });
	});
	await step(`axe ${WIDE}`, () => checkAxe(tab, WIDE, entry.name, findings));
	await step('structure', () => checkStructure(tab, entry.name, findings));
	await step('focus', () => checkFocus(tab, entry.name, findings));
	if (shot) await step('screenshots', () => screenshot(tab, screens, shot, WIDE));
	await step('reflow', async () => {
		await tab.setViewportSize({ width: NARROW, height: HEIGHT });
		await checkReflow(tab, NARROW, entry.name, findings);
	});
	await step(`axe ${NARROW}`, () => checkAxe(tab, NARROW, entry.name, findings));
	if (shot) await step('screenshots', () => screenshot(tab, screens, shot, NARROW));
	await step('text200', async () => {
		await tab.setViewportSize({ width: WIDE, height: HEIGHT });
		await checkTextSize(tab, entry.name, findings);
	});
}

const CHECKS = [
	[`axe ${WIDE}`, `axe-core finds no WCAG 2.2 A or AA violation at ${WIDE} px`],
	[`axe ${NARROW}`, `axe-core finds no WCAG 2.2 A or AA violation at ${NARROW} px`],
	['reflow', `no page scrolls sideways at ${NARROW} px`],
	['text200', 'no text is cut off at 200 % text, and the pages reflow then'],
	['focus', 'the first Tab reaches the skip link, visibly focused'],
	['structure', 'one <h1>, a <main> landmark and lang on each page'],
];

async function checkSet(tabs, set, screens) {
	const started = Date.now();
	const pages = pagesOf(set);
	const shots = shotNames(set, pages);
	const findings = new Findings();
	const timings = new Timings();
	let next = 0;
	const errors = [];
	// Each tab takes the next page until none is left.
	await Promise.all(tabs.map(async (tab) => {
		while (next < pages.length) {
			const entry = pages[next++];
			try {
				await checkPage(tab, entry, shots.get(entry.name), screens, findings, timings);
			} catch (err) {
				errors.push(`${entry.name}: ${err.message.split('\n')[0]}`);
			}
		}
	}));
	const of = `${pages.length} page${pages.length === 1 ? '' : 's'} of ${set.label}`;
	if (pages.length === 0) notOk(`${set.label}: no *.html found in ${set.path}`);
	for (const e of errors) notOk(`${set.label}: the page could not be checked: ${e}`);
	for (const [check, says] of CHECKS) {
		if (findings.count(check) === 0) console.log(`ok - ${says}: ${of}`);
		else findings.print(check);
	}
	if (shots.size) console.log(`ok - screenshots of ${set.label}: ${[...shots.values()].join(', ')} in ${screens}`);
	console.log(`# ${set.label}: ${of} in ${((Date.now() - started) / 1000).toFixed(1)} s`
		+ ` (the tabs' time by step: ${timings})`);
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (err) {
		notOk(`browser test cannot run: ${err.message}`);
		return 1;
	}
	const require = createRequire(join(resolve(opts.modules), 'package.json'));
	let chromium, axePath, browser;
	try {
		({ chromium } = require('playwright-core'));
		axePath = require.resolve('axe-core/axe.min.js');
		browser = await chromium.launch({ executablePath: opts.chromium, args: LAUNCH_ARGS });
	} catch (err) {
		notOk(`browser test cannot run: ${err.message.split('\n')[0]}`);
		return 1;
	}
	try {
		mkdirSync(opts.screens, { recursive: true });
		const context = await browser.newContext({ viewport: { width: WIDE, height: HEIGHT } });
		// Only the pages' own files: nothing is fetched from the network.
		await context.route(/^(https?|wss?):/, (route) => route.abort());
		// axe-core from node_modules, put into each page as the browser makes it: cheaper than
		// sending it after the load.
		await context.addInitScript({ path: axePath });
		const tabs = [];
		for (let i = 0; i < TABS; i++) tabs.push(await context.newPage());
		for (const set of opts.sets) await checkSet(tabs, set, opts.screens);
	} finally {
		await browser.close();
	}
	return faults ? 1 : 0;
}

process.exitCode = await main();
