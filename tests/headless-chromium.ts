import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A headless Chromium (Debian's `chromium`) driven over the DevTools protocol: one browser for many pages,
 * each loaded from a file, with every error it reports (uncaught exceptions, console errors, failed loads) and
 * every network request it makes recorded.
 */

/** The Chromium on PATH, or undefined (the tests that need it skip, saying so). */
export function chromiumPath(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

export interface PageReport {
  /** Uncaught exceptions, console errors and error log entries, as text. */
  errors: string[];
  /** URLs requested other than the page itself (file:, data:, about: excepted). */
  requests: string[];
  /** What `expression` evaluated to in the loaded page. */
  value: unknown;
}

type Message = { id?: number; method?: string; params?: any; result?: any; error?: { message: string }; sessionId?: string };

export class HeadlessChromium {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(m: Message) => void>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as Message;
      if (message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error.message));
        else waiter?.resolve(message);
      } else for (const listener of this.listeners) listener(message);
    });
  }

  static async launch(binary: string): Promise<HeadlessChromium> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "strata-chromium-"));
    const child = spawn(binary, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
    const url = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`chromium did not start in 30 s: ${text}`)), 30000);
      child.stderr!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`chromium exited (${code}): ${text}`)));
    });
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve);
      socket.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)));
    });
    return new HeadlessChromium(child, socket, profile);
  }

  private send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Message> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Loads `file` in a new tab, waits for its load event, evaluates `expression` there, and closes the tab. */
  async load(file: string, expression: string): Promise<PageReport> {
    const { result: target } = await this.send("Target.createTarget", { url: "about:blank" });
    const { result: attached } = await this.send("Target.attachToTarget", { targetId: target.targetId, flatten: true });
    const session: string = attached.sessionId;
    const errors: string[] = [];
    const requests: string[] = [];
    let loaded!: () => void;
    const load = new Promise<void>((resolve) => (loaded = resolve));
    const listener = (m: Message) => {
      if (m.sessionId !== session) return;
      if (m.method === "Runtime.exceptionThrown") errors.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
      if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error") errors.push(`console.error: ${m.params.args.map((a: any) => a.value ?? a.description).join(" ")}`);
      if (m.method === "Log.entryAdded" && m.params.entry.level === "error") errors.push(`log: ${m.params.entry.text}`);
      if (m.method === "Network.requestWillBeSent" && !/^(file|data|about):/.test(m.params.request.url)) requests.push(m.params.request.url);
      if (m.method === "Page.loadEventFired") loaded();
    };
    this.listeners.add(listener);
    try {
      for (const domain of ["Runtime", "Log", "Network", "Page"]) await this.send(`${domain}.enable`, {}, session);
      await this.send("Page.navigate", { url: `file://${path.resolve(file)}` }, session);
      await load;
      const { result } = await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, session);
      if (result.exceptionDetails) errors.push(`evaluate: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
      return { errors, requests, value: result.result.value };
    } finally {
      this.listeners.delete(listener);
      await this.send("Target.closeTarget", { targetId: target.targetId });
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send("Browser.close"), new Promise((resolve) => setTimeout(resolve, 5000))]);
    } catch {
      // Closing: the socket may go first.
    }
    this.socket.close();
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      this.process.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    // Chromium's helper processes can still be writing into the profile after the browser exits (ENOTEMPTY):
    // try again for a while; a temporary directory left behind fails no test.
    for (let attempt = 0; ; attempt++) {
      try {
        fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        return;
      } catch (e) {
        if (attempt === 5) return console.log(`      (the browser profile ${this.profile} was left behind: ${(e as Error).message})`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
