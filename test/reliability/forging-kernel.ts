/**
 * A fake Jupyter kernel for the kernel-safety tests, started by `startKernel({ tslabBin: <this
 * file> })` as `node <this file> kernel --config-path FILE`. It answers kernel_info_request
 * correctly signed (so the client starts), but answers every execute_request with a message
 * signed with another key: on shell when FORGE_CHANNEL=shell, on iopub when FORGE_CHANNEL=iopub.
 * It exits on shutdown_request.
 */
import { readFileSync } from "node:fs";
import { Publisher, Router } from "zeromq";
import { createHeader, parseMessage, serializeMessage, type JupyterMessage } from "../../src/notebook/kernel/wire.js";

const info = JSON.parse(readFileSync(process.argv[process.argv.indexOf("--config-path") + 1]!, "utf8")) as Record<
  string,
  string | number
>;
const url = (port: string): string => `tcp://${info.ip}:${info[port]}`;
const key = String(info.key);
const forged = "0".repeat(64);
const session = "forging-kernel";

const shell = new Router();
const control = new Router();
const iopub = new Publisher();
await Promise.all([shell.bind(url("shell_port")), control.bind(url("control_port")), iopub.bind(url("iopub_port"))]);

function reply(msg: JupyterMessage, type: string, content: object, signKey = key): string[] {
  return serializeMessage(signKey, createHeader(type, session), content, msg.header);
}

async function serveControl(): Promise<void> {
  for await (const frames of control) {
    const msg = parseMessage(frames, key, "control");
    if (msg.header.msg_type === "shutdown_request") {
      await control.send([...msg.identities, ...reply(msg, "shutdown_reply", { status: "ok", restart: false })]);
      process.exit(0);
    }
  }
}

async function serveShell(): Promise<void> {
  for await (const frames of shell) {
    const msg = parseMessage(frames, key, "shell");
    if (msg.header.msg_type === "kernel_info_request") {
      await shell.send([
        ...msg.identities,
        ...reply(msg, "kernel_info_reply", { status: "ok", implementation: "forging-kernel", protocol_version: "5.3" }),
      ]);
      await iopub.send(reply(msg, "status", { execution_state: "idle" }));
    } else if (msg.header.msg_type === "execute_request") {
      if (process.env.FORGE_CHANNEL === "iopub") {
        await iopub.send(reply(msg, "stream", { name: "stdout", text: "forged\n" }, "another key"));
      } else {
        const frames = reply(msg, "execute_reply", { status: "ok", execution_count: 1 });
        frames[1] = forged;
        await shell.send([...msg.identities, ...frames]);
      }
    }
  }
}

void serveControl();
void serveShell();
