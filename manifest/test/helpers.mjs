// Shared helpers for the manifest tests: paths, running the build scripts, and an independent PNG reader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const at = (...parts) => join(repoRoot, ...parts);

export function tempDir(prefix = 'rb-manifest-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs a Node script of the repo with a clean environment plus `env`; returns { status, stdout, stderr }. */
export function runScript(script, args = [], env = {}) {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME };
  const r = spawnSync(process.execPath, [at(script), ...args], { cwd: repoRoot, env: { ...base, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Decodes an 8-bit, non-interlaced PNG (grey, RGB, grey+alpha or RGBA) to { width, height, colorType, rgba }. */
export function readPng(buf) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  let offset = 8, header, idat = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  const { width, height, bitDepth, colorType, interlace } = header;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) throw new Error(`unsupported PNG (depth ${bitDepth}, type ${colorType}, interlace ${interlace})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      let v;
      switch (filter) {
        case 0: v = line[x]; break;
        case 1: v = line[x] + a; break;
        case 2: v = line[x] + b; break;
        case 3: v = line[x] + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = line[x] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      px[y * stride + x] = v & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = px.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] = channels === 1 ? [s[0], s[0], s[0], 255] : channels === 2 ? [s[0], s[0], s[0], s[1]]
      : channels === 3 ? [s[0], s[1], s[2], 255] : [s[0], s[1], s[2], s[3]];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, colorType, rgba };
}

/**
 * The command language read from the C# command catalog, entries like new("assign", "assign G-7 @user <date>", "…"):
 * a Map from verb to usage.
 */
export function catalogVerbs(source) {
  const verbs = new Map();
  for (const m of source.matchAll(/new\s*(?:[A-Za-z_][A-Za-z0-9_.]*)?\s*\(\s*(?:[A-Za-z]+\s*:\s*)?"([a-z][a-z-]*)"\s*,\s*(?:[A-Za-z]+\s*:\s*)?"((?:[^"\\]|\\.)*)"/g)) {
    verbs.set(m[1], m[2].replace(/\\(.)/g, '$1'));
  }
  return verbs;
}
