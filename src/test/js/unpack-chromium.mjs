// Unpacks the Chromium that npm's @sparticuz/chromium carries (brotli-compressed) into a directory
// of its own: chromium, its shared libraries (al2023/lib: NSS, NSPR, expat), fonts and SwiftShader.
// The package's executablePath() would unpack into the shared /tmp and take the libraries only on
// AWS Lambda; inflate() with TMPDIR pointed here gives us all of it, in target/.
// Usage: node unpack-chromium.mjs <npm prefix holding @sparticuz/chromium> <output dir>
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [prefix, out] = process.argv.slice(2).map(path => resolve(path));
const entry = createRequire(join(prefix, 'package.json')).resolve('@sparticuz/chromium');
const packageDir = join(dirname(entry), '..');
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const marker = join(out, 'VERSION');
if (existsSync(marker) && readFileSync(marker, 'utf8') === version) {
  process.exit(0);
}

// unpack beside the target and rename, so an interrupted build never leaves half a browser behind
const partial = `${out}.partial`;
rmSync(partial, { recursive: true, force: true });
mkdirSync(partial, { recursive: true });
process.env.TMPDIR = partial; // inflate() writes to os.tmpdir()
const { inflate } = await import(pathToFileURL(entry).href);
for (const archive of ['chromium.br', 'al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br']) {
  await inflate(join(packageDir, 'bin', archive));
}
// the packaged fonts.conf names Lambda's /tmp/fonts
const fontsConf = join(partial, 'fonts', 'fonts.conf');
writeFileSync(fontsConf, readFileSync(fontsConf, 'utf8').replaceAll('/tmp/fonts', join(out, 'fonts')));
writeFileSync(join(partial, 'VERSION'), version);
rmSync(out, { recursive: true, force: true });
renameSync(partial, out);
console.log(`Chromium from @sparticuz/chromium ${version} in ${out}`);
