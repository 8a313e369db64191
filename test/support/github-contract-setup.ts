import { afterEach, expect } from "vitest";
import { takeViolations } from "./github-contract-check.ts";

// After every test of every file: no GitHub fake saw a request GitHub would refuse.
afterEach(() => {
  expect(takeViolations(), "requests GitHub would refuse (the fakes' violations)").toEqual([]);
});
