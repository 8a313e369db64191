/**
 * The favicon as a 32×32 `.ico` (one 32-bit bitmap), drawn like favicon.svg:
 * a rounded square in the organisation's colour with a white tick. For the
 * browsers and tools that ask for /favicon.ico whatever the page links.
 */
const SIZE = 32;
const RADIUS = 6;
const TICK: [number, number][] = [
  [9, 16.5],
  [13.5, 21],
  [23, 11.5],
];
const STROKE = 3.5 / 2;

export function faviconIco(primary: string): Uint8Array<ArrayBuffer> {
  const [r, g, b] = rgb(primary);
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // 1 bit per pixel, rows padded to 32 bits: all 0, the alpha decides
  const image = 40 + pixels + mask;
  const out = new Uint8Array(6 + 16 + image);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, 1, true); // one image
  out[6] = SIZE;
  out[7] = SIZE;
  view.setUint16(10, 1, true); // planes
  view.setUint16(12, 32, true); // bits per pixel
  view.setUint32(14, image, true);
  view.setUint32(18, 22, true);
  view.setUint32(22, 40, true); // BITMAPINFOHEADER
  view.setInt32(26, SIZE, true);
  view.setInt32(30, SIZE * 2, true); // the colour bitmap and the mask
  view.setUint16(34, 1, true);
  view.setUint16(36, 32, true);
  view.setUint32(42, pixels + mask, true);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const inside = coverage(x + 0.5, y + 0.5, insideSquare);
      const tick = coverage(x + 0.5, y + 0.5, onTick);
      // Rows are stored bottom-up, each pixel as blue, green, red, alpha.
      const at = 62 + ((SIZE - 1 - y) * SIZE + x) * 4;
      out[at] = Math.round(b + (255 - b) * tick);
      out[at + 1] = Math.round(g + (255 - g) * tick);
      out[at + 2] = Math.round(r + (255 - r) * tick);
      out[at + 3] = Math.round(255 * inside);
    }
  }
  return out;
}

/** How much of the pixel around (x, y) is in the shape: 4×4 samples. */
function coverage(x: number, y: number, inShape: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) if (inShape(x - 0.375 + i * 0.25, y - 0.375 + j * 0.25)) hits++;
  }
  return hits / 16;
}

function insideSquare(x: number, y: number): boolean {
  const dx = Math.max(RADIUS - x, 0, x - (SIZE - RADIUS));
  const dy = Math.max(RADIUS - y, 0, y - (SIZE - RADIUS));
  return dx * dx + dy * dy <= RADIUS * RADIUS;
}

function onTick(x: number, y: number): boolean {
  for (let i = 0; i + 1 < TICK.length; i++) {
    const [ax, ay] = TICK[i] as [number, number];
    const [bx, by] = TICK[i + 1] as [number, number];
    const t = Math.max(
      0,
      Math.min(
        1,
        ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
      ),
    );
    if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= STROKE) return true;
  }
  return false;
}

function rgb(hex: string): [number, number, number] {
  const full = hex.replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/i, "#$1$1$2$2$3$3");
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(full);
  if (!match) throw new Error(`favicon: ${hex} is not a colour like #1a5e9a`);
  return [
    parseInt(match[1] ?? "0", 16),
    parseInt(match[2] ?? "0", 16),
    parseInt(match[3] ?? "0", 16),
  ];
}
