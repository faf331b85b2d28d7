// A real MCP client that nobody on the team wrote: the official TypeScript SDK's Client over Streamable HTTP.
// McpClientIT runs it against a wiki of the IT Tomcat:  node client.mjs <mcp url> <editor token> <run id>
// It prints one JSON line with what it saw; it exits 1 on the first failed check (the message says which).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, run] = process.argv.slice(2);
if (!url || !token || !run) {
  console.error("usage: node client.mjs <mcp url> <bearer token> <run id>");
  process.exit(2);
}

function check(condition, message) {
  if (!condition) {
    throw new Error("check failed: " + message);
  }
}

async function eventually(what, attempt, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    last = await attempt();
    if (last.done) {
      return last.value;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`check failed: ${what} within ${seconds}s; last answer: ${JSON.stringify(last.value)}`);
}

const client = new Client({ name: "wikifarm-mcp-client-it", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const seen = {};
try {
  await client.connect(transport);
  seen.server = client.getServerVersion();
  seen.protocol = transport.protocolVersion ?? null;

  const tools = (await client.listTools()).tools;
  seen.tools = tools.map((tool) => tool.name).sort();
  for (const name of ["write_note", "read_note", "edit_note", "search_notes", "semantic_search"]) {
    check(seen.tools.includes(name), `tools/list has ${name}`);
  }

  // The SDK client checks structuredContent against each tool's outputSchema on every call below.
  const path = `client/${run}`;
  const content = `# Sourdough ${run}\n\nFeed the starter with rye flour and water; bake at 250 degrees.\n`;
  const written = await client.callTool({ name: "write_note", arguments: { path, content } });
  check(!written.isError, `write_note succeeded: ${JSON.stringify(written)}`);
  const revision = written.structuredContent.revision;
  check(/^[0-9a-f]{40}$/.test(revision), "write_note answered a revision");

  const read = await client.callTool({ name: "read_note", arguments: { path } });
  check(!read.isError && read.structuredContent.content === content, "read_note returns what was written");
  check(read.structuredContent.revision === revision, "read_note returns the written revision");

  seen.search = await eventually("search_notes finds the new page", async () => {
    const found = await client.callTool({ name: "search_notes", arguments: { query: run, limit: 5 } });
    const paths = (found.structuredContent?.hits ?? []).map((hit) => hit.path);
    return { done: !found.isError && paths.includes(path), value: paths };
  }, 120);

  seen.semantic = await eventually("semantic_search finds the page by meaning", async () => {
    const found = await client.callTool({
      name: "semantic_search",
      arguments: { query: "how do I bake bread with a starter", n: 3 },
    });
    const result = found.structuredContent ?? {};
    const paths = (result.hits ?? []).map((hit) => hit.path);
    return { done: !found.isError && result.mode === "semantic" && paths.includes(path), value: result };
  }, 240);
  seen.semantic = { mode: seen.semantic.mode, paths: seen.semantic.hits.map((hit) => hit.path) };

  const stale = await client.callTool({
    name: "edit_note",
    arguments: { path, revision: "0".repeat(40), old_string: "rye", new_string: "spelt" },
  });
  check(stale.isError === true, "edit_note with a wrong revision is an error result");
  seen.failedEdit = stale.content[0].text;
  check(seen.failedEdit.includes(revision), "the failed edit names the current revision");

  const resources = await client.listResources();
  seen.resources = resources.resources.map((resource) => resource.uri);
  const uri = seen.resources.find((each) => each.endsWith("/" + path));
  check(uri, "resources/list lists the page");
  const resource = await client.readResource({ uri });
  check(resource.contents[0].text === content, "resources/read returns the page");

  await transport.terminateSession();
  await client.close();
  console.log(JSON.stringify({ ok: true, ...seen }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error?.message ?? error), ...seen }));
  await client.close().catch(() => {});
  process.exit(1);
}
