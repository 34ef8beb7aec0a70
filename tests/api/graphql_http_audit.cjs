// Runs the GraphQL-over-HTTP server audits (graphql-http's `serverAudits`, vendored in
// tests/fixtures/graphql-http) against a live endpoint and prints one JSON array of results:
//   node tests/api/graphql_http_audit.cjs http://127.0.0.1:8000/graphql
// Each result is {id, name, status: "ok" | "notice" | "warn" | "error", reason?, responseStatus?}.
// An audit that throws (the server unreachable, say) ends the run with exit code 2.
"use strict";

const path = require("node:path");

const { serverAudits } = require(
  path.join(__dirname, "..", "fixtures", "graphql-http", "lib", "audits"),
);

async function main() {
  const url = process.argv[2];
  if (!url) {
    console.error("usage: node graphql_http_audit.cjs URL");
    process.exit(64);
  }
  const results = [];
  // One at a time: the audits are about answers, not load, and the machine is small.
  for (const audit of serverAudits({ url })) {
    const result = await audit.fn();
    results.push({
      id: result.id,
      name: result.name,
      status: result.status,
      reason: result.reason,
      responseStatus: result.response ? result.response.status : undefined,
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(`the audit could not run: ${error && error.stack ? error.stack : error}`);
  process.exit(2);
});
