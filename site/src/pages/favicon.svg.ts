import type { APIRoute } from "astro";
import { organisation } from "../lib/site-config.ts";

/** A plain square in the organisation's colour with a tick; favicon.ico.ts draws the same. */
export const GET: APIRoute = () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${organisation.colours.primary}"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return new Response(svg, { headers: { "content-type": "image/svg+xml" } });
};
