#!/usr/bin/env node
// Generates the Teams app icons from code, so the project owns them and no tool is downloaded:
//   color.png   192×192, full colour: a white "recovery" arrow around a check mark on the accent blue
//   outline.png  32×32, transparent background, the same symbol in white
// Run: node manifest/teams/icons.mjs   (writes both PNGs next to this script; the output is deterministic)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../lib/png.mjs';

export const ACCENT = '#2F6FDE';

const deg = (d) => (d * Math.PI) / 180;

function segmentDistance(px, py, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

function insideTriangle(px, py, [a, b, c]) {
  const s = (p1, p2) => (px - p2[0]) * (p1[1] - p2[1]) - (p1[0] - p2[0]) * (py - p2[1]);
  const d1 = s(a, b), d2 = s(b, c), d3 = s(c, a);
  const neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/**
 * The symbol in unit coordinates (0..1, y down): a circular arrow (300° arc, arrowhead at its end)
 * around a check mark — "fixed, and verified".
 */
function symbol({ radius, stroke, head, checkStroke, checkScale }) {
  const cx = 0.5, cy = 0.5;
  const start = deg(100), span = deg(300); // counter-clockwise (maths orientation, y up)
  const end = start + span;
  // Arc end point and the unit vectors there (converted to y-down image space).
  const ex = cx + radius * Math.cos(end), ey = cy - radius * Math.sin(end);
  const tx = -Math.sin(end), ty = -Math.cos(end); // direction of travel
  const nx = Math.cos(end), ny = -Math.sin(end); // outward radial
  const arrow = [
    [ex + tx * head * 1.1, ey + ty * head * 1.1],
    [ex + nx * head, ey + ny * head],
    [ex - nx * head, ey - ny * head],
  ];
  const startX = cx + radius * Math.cos(start), startY = cy - radius * Math.sin(start);
  const check = [[-0.12, 0.01], [-0.035, 0.095], [0.13, -0.085]].map(([x, y]) => [cx + x * checkScale, cy + y * checkScale]);

  return (px, py) => {
    // Arc with a round cap at its start and the arrowhead at its end.
    const dx = px - cx, dy = cy - py;
    let a = Math.atan2(dy, dx);
    while (a < start) a += 2 * Math.PI;
    const onArc = a <= end && Math.abs(Math.hypot(dx, dy) - radius) <= stroke / 2;
    const startCap = Math.hypot(px - startX, py - startY) <= stroke / 2;
    if (onArc || startCap || insideTriangle(px, py, arrow)) return true;
    for (let i = 0; i + 1 < check.length; i++) {
      if (segmentDistance(px, py, ...check[i], ...check[i + 1]) <= checkStroke / 2) return true;
    }
    return false;
  };
}

function hex(c) {
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
}

/** Renders size×size RGBA with `samples`² supersampling; background null = transparent. */
function render(size, samples, shape, { background, foreground }) {
  const rgba = new Uint8Array(size * size * 4);
  const [fr, fg, fb] = hex(foreground);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      const cover = hits / (samples * samples);
      const o = (y * size + x) * 4;
      if (background) {
        // A gentle diagonal shade of the accent colour, fully opaque.
        const [br, bg, bb] = hex(background);
        const shade = 1.08 - 0.16 * ((x + y) / (2 * size));
        const base = [br, bg, bb].map((v) => Math.min(255, v * shade));
        rgba[o] = Math.round(base[0] + (fr - base[0]) * cover);
        rgba[o + 1] = Math.round(base[1] + (fg - base[1]) * cover);
        rgba[o + 2] = Math.round(base[2] + (fb - base[2]) * cover);
        rgba[o + 3] = 255;
      } else {
        rgba[o] = fr;
        rgba[o + 1] = fg;
        rgba[o + 2] = fb;
        rgba[o + 3] = Math.round(255 * cover);
      }
    }
  }
  return rgba;
}

export function colorIcon() {
  const shape = symbol({ radius: 0.29, stroke: 0.075, head: 0.095, checkStroke: 0.075, checkScale: 1.0 });
  return encodePng(192, 192, render(192, 4, shape, { background: ACCENT, foreground: '#FFFFFF' }));
}

export function outlineIcon() {
  const shape = symbol({ radius: 0.36, stroke: 0.085, head: 0.14, checkStroke: 0.085, checkScale: 1.3 });
  return encodePng(32, 32, render(32, 8, shape, { background: null, foreground: '#FFFFFF' }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, 'color.png'), colorIcon());
  writeFileSync(join(here, 'outline.png'), outlineIcon());
  console.log('wrote manifest/teams/color.png (192×192) and manifest/teams/outline.png (32×32)');
}
