import type { z } from "zod";
import type { FieldPath } from "./yaml-locate.ts";

export interface IssueDescription {
  path: FieldPath;
  message: string;
}

/**
 * Turns a zod issue into words a handler can act on: which field, what was
 * expected. Unknown keys point at the key itself, not at its parent.
 */
export function describeIssue(issue: z.core.$ZodIssue): IssueDescription[] {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        message: `unknown field "${key}"; check its spelling and indentation`,
      }));
    case "invalid_type":
      if (/received undefined/.test(issue.message)) {
        return [{ path: issue.path, message: `is required (${issue.expected})` }];
      }
      return [{ path: issue.path, message: `expected ${issue.expected}` }];
    case "invalid_value":
      return [
        {
          path: issue.path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
        },
      ];
    case "invalid_union":
      return [
        {
          path: issue.path,
          message: issue.message.replace(/^Invalid input$/, "has the wrong form"),
        },
      ];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}
