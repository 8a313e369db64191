import type { DocketConfig } from "../config/config-schema.ts";
import { parseAddress } from "./eml.ts";

/** `klachten+KL-2026-0001@interforce.eu`: the address replies about one dossier go to. */
export function plusAddress(mailbox: string, id: string): string {
  const { address } = parseAddress(mailbox);
  const at = address.lastIndexOf("@");
  return `${address.slice(0, at)}+${id}${address.slice(at)}`;
}

/**
 * Where replies about a dossier go: its plus-address, or with
 * `mail.plus_addressing: false` the reply address itself.
 */
export function replyAddress(config: DocketConfig, id: string): string {
  return config.mail.plus_addressing !== false
    ? plusAddress(config.mail.reply_to, id)
    : parseAddress(config.mail.reply_to).address;
}
