// Database commands (import, compare, matrix, flags, show, documents, query, export, reextract).
// Placeholder until the store lands.
import type { Command } from "commander";

export function registerStoreCommands(_program: Command): void {}
