/**
 * Where dossiers are read: the store at its branch's head, a workflow's
 * checkout on disk, or the embedded bare repository at `main`.
 */
export interface DossierReader {
  /** Paths of the files below a folder, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Texts of files; `undefined` for a missing file. */
  read(paths: readonly string[]): Promise<Map<string, string | undefined>>;
}
