/**
 * Every GitHub fake of a test run, with what GitHub's descriptions say GitHub would have refused. After each
 * test (github-contract-setup.ts, in vitest.config.ts `setupFiles`), a fake that saw a request GitHub would
 * refuse fails it, whether or not the test looked, and whatever the code under test made of the refusal.
 * No test hooks here: the benchmark uses the fakes outside vitest.
 */
const fakes = new Map<{ readonly violations: string[] }, number>();

/** Called by each fake as it is made. */
export function watchContract(fake: { readonly violations: string[] }): void {
  fakes.set(fake, 0);
}

/** The violations of every fake not taken before; a test that provoked one on purpose takes it here. */
export function takeViolations(): string[] {
  const seen: string[] = [];
  for (const [fake, taken] of fakes) {
    // A test that cleared a fake's list leaves only what came after.
    const from = fake.violations.length < taken ? 0 : taken;
    seen.push(...fake.violations.slice(from));
    fakes.set(fake, fake.violations.length);
  }
  return seen;
}
