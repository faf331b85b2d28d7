// The MCP attachment tools through the official TypeScript SDK's Client over Streamable HTTP.
// McpAttachmentsIT runs it:  node attachments.mjs <mcp url> <editor token> <run id>
// It prints one JSON line with what it saw; it exits 1 on the first failed check (the message says which).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, run] = process.argv.slice(2);
if (!url || !token || !run) {
  console.error("usage: node attachments.mjs <mcp url> <bearer token> <run id>");
  process.exit(2);
}

function check(condition, message) {
  if (!condition) {
    throw new Error("check failed: " + message);
  }
}

// A 1x1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const client = new Client({ name: "wikifarm-mcp-attachments-it", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const seen = {};
try {
  await client.connect(transport);
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  for (const name of ["list_attachments", "upload_attachment", "download_attachment", "delete_attachment"]) {
    check(tools.includes(name), `tools/list has ${name}`);
  }

  // The SDK client checks structuredContent against each tool's outputSchema on every call below.
  const path = `files/${run}`;
  const page = await client.callTool({ name: "write_note", arguments: { path, content: "See ![](dot.png)\n" } });
  check(!page.isError, `write_note succeeded: ${JSON.stringify(page)}`);

  const image = await client.callTool({
    name: "upload_attachment", arguments: { path, filename: "dot.png", content_base64: PNG },
  });
  check(!image.isError, `upload_attachment of an image: ${JSON.stringify(image)}`);
  check(/^[0-9a-f]{40}$/.test(image.structuredContent.revision), "the upload answered its commit");
  const text = await client.callTool({
    name: "upload_attachment",
    arguments: { path, filename: "notes.txt", content_base64: Buffer.from(`hello ${run}`).toString("base64") },
  });
  check(!text.isError, `upload_attachment of text: ${JSON.stringify(text)}`);

  const listed = await client.callTool({ name: "list_attachments", arguments: { path } });
  seen.listed = listed.structuredContent.attachments.map((file) => file.name);

  const downloadedImage = await client.callTool({ name: "download_attachment", arguments: { path, filename: "dot.png" } });
  seen.image = {
    type: downloadedImage.structuredContent.content_type,
    encoding: downloadedImage.structuredContent.encoding,
    same: downloadedImage.structuredContent.content === PNG,
  };
  const downloadedText = await client.callTool({ name: "download_attachment", arguments: { path, filename: "notes.txt" } });
  seen.text = { encoding: downloadedText.structuredContent.encoding, content: downloadedText.structuredContent.content };

  // A hostile name is invalid params (a protocol error); a missing file is a tool error the assistant can read.
  try {
    await client.callTool({ name: "upload_attachment", arguments: { path, filename: "../escape.png", content_base64: PNG } });
    seen.hostile = "accepted";
  } catch (error) {
    seen.hostile = String(error.message ?? error);
  }
  const missing = await client.callTool({ name: "download_attachment", arguments: { path, filename: "nothing.png" } });
  seen.missing = { isError: missing.isError === true, text: missing.content?.[0]?.text ?? "" };

  const deleted = await client.callTool({ name: "delete_attachment", arguments: { path, filename: "notes.txt" } });
  check(!deleted.isError && deleted.structuredContent.deleted === true, `delete_attachment: ${JSON.stringify(deleted)}`);
  const after = await client.callTool({ name: "list_attachments", arguments: { path } });
  seen.after = after.structuredContent.attachments.map((file) => file.name);
  seen.ok = true;
} catch (error) {
  seen.ok = false;
  seen.error = String(error.stack ?? error);
} finally {
  await client.close().catch(() => {});
}
console.log(JSON.stringify(seen));
process.exit(seen.ok ? 0 : 1);
