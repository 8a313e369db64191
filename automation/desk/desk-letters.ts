import { dispatch, type DispatchDeps } from "../dispatch/dispatch.ts";
import type { LetterPreview } from "./desk-api.ts";

/**
 * The letters a desk save would send: dispatch's dry run over main with the
 * one dossier as the save would write it: the letters the pull request
 * preview shows, rendered by the same letter templates, with the addresses
 * whole (the desk is the handler's own). Nothing is sent or committed.
 */
export function deskLetterPreview(deps: DispatchDeps) {
  return async (path: string, text: string): Promise<LetterPreview> => {
    const base = deps.reader ?? deps.store;
    const reader: DispatchDeps["reader"] = {
      list: (prefix) => base.list(prefix),
      read: async (paths) => {
        const texts = await base.read(paths);
        if (texts.has(path)) texts.set(path, text);
        return texts;
      },
    };
    const report = await dispatch({ ...deps, reader }, { dryRun: true, only: [path] });
    return {
      letters: report.sent.map(({ letter, to, subject, text: body }) => ({
        letter,
        to,
        subject,
        text: body,
      })),
    };
  };
}
